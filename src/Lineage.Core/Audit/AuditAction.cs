namespace Lineage.Audit;

/// <summary>What an audit event records. <c>latest</c> is derived and never recorded.</summary>
public enum AuditAction
{
    /// <summary>A run logged a new version of a project artifact.</summary>
    VersionLogged,

    VersionLinked,

    VersionUnlinked,

    AliasAdded,

    AliasRemoved,

    /// <summary>A tag was put on the collection, or on one of its versions (or a project version).</summary>
    TagAdded,

    TagRemoved,

    /// <summary>A registry was made, with its visibility; its protected aliases follow as ALIAS_PROTECTED.</summary>
    RegistryCreated,

    /// <summary>A registry's visibility changed.</summary>
    VisibilityChanged,

    /// <summary>An alias became one only the registry's ADMINs may set, move or remove.</summary>
    AliasProtected,

    AliasUnprotected,

    /// <summary>A role on the registry was granted (or changed) to a member.</summary>
    RoleGranted,

    RoleRevoked,
}
