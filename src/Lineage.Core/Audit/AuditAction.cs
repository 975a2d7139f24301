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
}
