namespace Lineage.Model;

/// <summary>What a store needs to place an artifact in a project: its id, its namespace and their names.</summary>
public sealed record ProjectKey(long Id, long NamespaceId, string Namespace, string Name);
