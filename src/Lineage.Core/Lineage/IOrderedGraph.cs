namespace Lineage.Lineage;

/// <summary>
/// The lineage graph as the cycle rule sees it: every node holds a place in a topological
/// order, so that each edge leads from a lower place to a higher one and no two nodes share a
/// place. <see cref="CycleGuard"/> reads the places and keeps them right as edges are added.
/// </summary>
public interface IOrderedGraph
{
    /// <summary>The places of <paramref name="nodes"/>; one without a place yet (it has no edges) is given the place after every other.</summary>
    Task<IReadOnlyDictionary<NodeRef, long>> PlacesAsync(IReadOnlyList<NodeRef> nodes, CancellationToken cancellationToken);

    /// <summary>
    /// One level of a bounded search: the neighbours of <paramref name="frontier"/> in
    /// <paramref name="direction"/> whose place is at most <paramref name="bound"/> downstream,
    /// or at least <paramref name="bound"/> upstream, each with its place.
    /// </summary>
    Task<IReadOnlyList<PlacedStep>> ReadWithinAsync(IReadOnlyList<NodeRef> frontier, WalkDirection direction, long bound, CancellationToken cancellationToken);

    /// <summary>Gives each node its new place, inside the transaction that adds the edge they were moved for.</summary>
    Task MoveAsync(IReadOnlyDictionary<NodeRef, long> places, CancellationToken cancellationToken);
}
