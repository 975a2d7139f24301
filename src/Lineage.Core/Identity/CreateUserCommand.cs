namespace Lineage.Identity;

/// <summary>Creates a user and the user's own namespace of the same name.</summary>
public sealed record CreateUserCommand(string Name, bool IsAdministrator);
