namespace Lineage.Audit;

/// <summary>
/// Which events of a target to read: any of <see cref="Actions"/> (all when null), by
/// <see cref="Actor"/>, at or after <see cref="Since"/> and before <see cref="Until"/>.
/// History is newest first; an export reads <see cref="OldestFirst"/>.
/// </summary>
public sealed record AuditQuery(
    IReadOnlySet<AuditAction>? Actions = null,
    string? Actor = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    bool OldestFirst = false)
{
    public static AuditQuery All { get; } = new();
}
