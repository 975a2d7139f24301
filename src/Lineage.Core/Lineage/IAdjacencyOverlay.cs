namespace Lineage.Lineage;

/// <summary>Edges not yet in a <see cref="GraphIndex"/>: those of the transaction that is adding them.</summary>
public interface IAdjacencyOverlay
{
    int Count { get; }

    IReadOnlyList<NodeRef> Neighbours(NodeRef node, WalkDirection direction);
}
