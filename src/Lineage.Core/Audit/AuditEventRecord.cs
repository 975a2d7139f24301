namespace Lineage.Audit;

/// <summary>
/// One stored audit event. <see cref="Position"/> numbers the events of one target from 1;
/// <see cref="Hash"/> is SHA-256 over the previous event's hash and this event's canonical form
/// (see <see cref="AuditChain"/>). <see cref="SubjectId"/> is the version (project artifacts)
/// or link (collections) the event is about, while it exists.
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
    byte[] Hash);
