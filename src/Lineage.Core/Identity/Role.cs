namespace Lineage.Identity;

/// <summary>
/// Roles on a namespace (its projects) or on a registry, weakest first, so that the effective
/// role is the highest of those granted. <see cref="RestrictedViewer"/> exists on registries only.
/// </summary>
public enum Role
{
    /// <summary>Registries only: sees metadata, cannot use linked versions.</summary>
    RestrictedViewer = 1,

    /// <summary>Reads everything in the namespace or registry.</summary>
    Viewer = 2,

    /// <summary>Records runs and artifacts, links versions, manages ordinary aliases.</summary>
    Member = 3,

    /// <summary>Also manages membership, service accounts, visibility and protected aliases.</summary>
    Admin = 4,
}
