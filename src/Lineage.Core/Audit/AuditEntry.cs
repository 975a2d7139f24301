namespace Lineage.Audit;

/// <summary>
/// What one audit event records, before the store gives it its place in a chain: the action
/// and the fields that action fills. <see cref="SubjectId"/> and <see cref="SourceNamespaceId"/>
/// are kept beside the event, unhashed.
/// </summary>
public sealed record AuditEntry(AuditAction Action)
{
    public string? Version { get; init; }

    public string? Source { get; init; }

    public long? SourceNamespaceId { get; init; }

    public long? SubjectId { get; init; }

    public string? Alias { get; init; }

    public string? Tag { get; init; }

    public string? Member { get; init; }

    public string? Role { get; init; }

    public string? Visibility { get; init; }
}
