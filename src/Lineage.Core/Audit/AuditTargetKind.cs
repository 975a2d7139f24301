namespace Lineage.Audit;

/// <summary>Whose history an event belongs to; each target has its own hash chain.</summary>
public enum AuditTargetKind
{
    Collection,

    Artifact,
}
