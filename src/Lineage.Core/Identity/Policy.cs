namespace Lineage.Identity;

/// <summary>The one table of which role each permission needs. docs/security.md shows it.</summary>
public static class Policy
{
    public static Role Required(Permission permission) => permission switch
    {
        Permission.ReadNamespace => Role.Viewer,
        Permission.WriteNamespace => Role.Member,
        Permission.AdministerNamespace => Role.Admin,
        Permission.ReadRegistry => Role.RestrictedViewer,
        Permission.UseRegistryVersions => Role.Viewer,
        Permission.WriteRegistry => Role.Member,
        Permission.ManageProtectedAliases => Role.Admin,
        Permission.AdministerRegistry => Role.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, null),
    };

    /// <summary>Words for error messages: "recording runs in 'acme' needs the MEMBER role".</summary>
    public static string Describe(Permission permission) => permission switch
    {
        Permission.ReadNamespace => "reading",
        Permission.WriteNamespace => "recording runs and artifacts",
        Permission.AdministerNamespace => "administering",
        Permission.ReadRegistry => "reading",
        Permission.UseRegistryVersions => "using linked versions",
        Permission.WriteRegistry => "linking versions and moving aliases",
        Permission.ManageProtectedAliases => "managing protected aliases",
        Permission.AdministerRegistry => "administering",
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, null),
    };
}
