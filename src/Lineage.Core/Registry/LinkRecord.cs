namespace Lineage.Registry;

/// <summary>
/// Where a linked version sits: its link, collection and registry, and the namespace of the
/// source version it points at, whose lineage it shares.
/// </summary>
public sealed record LinkRecord(long Id, long CollectionId, long RegistryId, long SourceNamespaceId, string SourceQualifiedName);
