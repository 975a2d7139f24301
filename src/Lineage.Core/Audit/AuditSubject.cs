namespace Lineage.Audit;

/// <summary>
/// What a version's or link's event is about: its store id, its version as <c>v3</c>, and for a
/// collection's link the source version it points at (with that source's namespace).
/// </summary>
public sealed record AuditSubject(long Id, string? Version, string? Source, long? SourceNamespaceId = null)
{
    /// <summary>An entry of <paramref name="action"/> about this subject.</summary>
    public AuditEntry Entry(AuditAction action) =>
        new(action) { SubjectId = Id, Version = Version, Source = Source, SourceNamespaceId = SourceNamespaceId };
}
