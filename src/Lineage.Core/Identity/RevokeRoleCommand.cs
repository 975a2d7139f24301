namespace Lineage.Identity;

public sealed record RevokeRoleCommand(string Resource, string Member);
