namespace Lineage.Registry;

/// <summary>
/// Where a linked version sits: its link, collection and registry, and the namespace of the
/// source version it points at, whose lineage it shares.
/// </summary>
public sealed record LinkRecord(long Id, long CollectionId, long RegistryId, long SourceNamespaceId, string SourceQualifiedName)
{
    /// <summary>
    /// Set on a linked version rebuilt from history that has been unlinked since: the id of the
    /// event that linked it, which names it in place of the link (<see cref="Id"/> is then 0).
    /// </summary>
    public long? PastEventId { get; init; }
}
