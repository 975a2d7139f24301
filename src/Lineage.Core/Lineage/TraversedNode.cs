namespace Lineage.Lineage;

public readonly record struct TraversedNode(NodeRef Node, int Hops, string? Type);
