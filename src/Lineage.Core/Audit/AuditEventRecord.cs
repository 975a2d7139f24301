namespace Lineage.Audit;

/// <summary>
/// One stored audit event. <see cref="Position"/> numbers the events of one target from 1;
/// <see cref="Hash"/> is SHA-256 over the previous event's hash and this event's canonical form
/// (see <see cref="AuditChain"/>). <see cref="SubjectId"/> is the version (project artifacts)
/// or link (collections) the event is about, while it exists. <see cref="SourceNamespaceId"/>
/// is the namespace of <see cref="Source"/>: readers without a role there get the event
/// without it. Neither is part of the hashed canonical form.
/// </summary>
public sealed record AuditEventRecord(
    long Id,
    AuditTargetKind TargetKind,
    long TargetId,
    string Target,
    long Position,
    AuditAction Action,
    DateTimeOffset At,
    string Actor,
    string? Version,
    string? Source,
    string? Alias,
    string? RequestId,
    long? SubjectId,
    long? SourceNamespaceId,
    byte[] Hash);
