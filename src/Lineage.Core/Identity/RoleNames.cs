using Lineage.Errors;

namespace Lineage.Identity;

/// <summary>Roles as the API spells them: <c>ADMIN</c>, <c>MEMBER</c>, <c>VIEWER</c>, <c>RESTRICTED_VIEWER</c>.</summary>
public static class RoleNames
{
    public static string Format(Role role) => role switch
    {
        Role.RestrictedViewer => "RESTRICTED_VIEWER",
        _ => role.ToString().ToUpperInvariant(),
    };

    public static Role Parse(string text) => text switch
    {
        "RESTRICTED_VIEWER" => Role.RestrictedViewer,
        "VIEWER" => Role.Viewer,
        "MEMBER" => Role.Member,
        "ADMIN" => Role.Admin,
        _ => throw new InvalidArgumentException($"role must be ADMIN, MEMBER, VIEWER or RESTRICTED_VIEWER, not '{text}'"),
    };
}
