namespace Lineage.Lineage;

/// <summary>The nodes and edges a lineage walk reached, before names are attached.</summary>
public sealed record Traversal(IReadOnlyList<TraversedNode> Nodes, IReadOnlyList<LineageEdge> Edges, bool Truncated);
