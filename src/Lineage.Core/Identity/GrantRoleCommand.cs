namespace Lineage.Identity;

/// <summary>
/// Grants <paramref name="Role"/> on a resource, <c>acme</c> (a namespace) or <c>acme/models</c>
/// (a registry), to a principal or a team; a new grant replaces the member's old one.
/// </summary>
public sealed record GrantRoleCommand(string Resource, string Member, Role Role);
