namespace Lineage.Lineage;

/// <summary>
/// One step of a walk: from <see cref="From"/> to its neighbour <see cref="To"/> in the walk's
/// direction, with the neighbour's artifact type or job type and the namespace that holds it,
/// for filtering. Readers that only look for paths (cycle checks) leave both out.
/// </summary>
public readonly record struct Adjacency(NodeRef From, NodeRef To, string? ToType, long ToNamespaceId = 0);
