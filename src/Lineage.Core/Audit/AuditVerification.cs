namespace Lineage.Audit;

/// <summary>
/// The result of recomputing a target's hash chain. <see cref="FirstBrokenEventId"/> is the
/// first stored event whose hash or position does not follow from the events before it;
/// <see cref="Problem"/> says in words what is wrong, including events missing from the end.
/// <see cref="HeadHash"/> is the hash of the last event, to keep outside the service and
/// compare later.
/// </summary>
public sealed record AuditVerification(bool Ok, int EventsChecked, long? FirstBrokenEventId, string? Problem, byte[]? HeadHash);
