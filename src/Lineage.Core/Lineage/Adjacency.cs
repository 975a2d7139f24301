namespace Lineage.Lineage;

/// <summary>
/// One step of a walk: from <see cref="From"/> to its neighbour <see cref="To"/> in the walk's
/// direction, with the neighbour's artifact type or job type for filtering.
/// </summary>
public readonly record struct Adjacency(NodeRef From, NodeRef To, string? ToType);
