namespace Lineage.Audit;

/// <summary>
/// A version of a collection or artifact as its history shows it at a past time: its index,
/// the source it pointed at (collections), its aliases then (<c>latest</c> on the newest), and
/// the event that logged or linked it. <see cref="SubjectId"/> is the version or link while it
/// still exists; null for one unlinked since.
/// </summary>
public sealed record PastVersion(
    int Index, string? Source, IReadOnlyList<string> Aliases, DateTimeOffset At, string Actor, long EventId, long? SubjectId);
