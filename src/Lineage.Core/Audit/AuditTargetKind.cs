namespace Lineage.Audit;

/// <summary>Whose history an event belongs to; each target has its own hash chain.</summary>
public enum AuditTargetKind
{
    Collection,

    Artifact,

    /// <summary>A registry's own governance: its visibility, protected aliases and roles.</summary>
    Registry,
}
