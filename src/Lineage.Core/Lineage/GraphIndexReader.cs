namespace Lineage.Lineage;

/// <summary>
/// Reads neighbours from a <see cref="GraphIndex"/>, plus the edges a write transaction has
/// added but not yet committed, so that a cycle check inside the transaction sees them too.
/// </summary>
public sealed class GraphIndexReader : IAdjacencyReader, IOrderedGraph
{
    private readonly GraphIndex _index;
    private readonly IAdjacencyOverlay? _pending;

    public GraphIndexReader(GraphIndex index, IAdjacencyOverlay? pending = null)
    {
        _index = index;
        _pending = pending;
    }

    public Task<IReadOnlyList<Adjacency>> ReadAsync(IReadOnlyList<NodeRef> nodes, WalkDirection direction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var result = new List<Adjacency>();
        _index.Neighbours(nodes, direction, result);
        if (_pending is { Count: > 0 })
        {
            foreach (var node in nodes)
            {
                foreach (var next in _pending.Neighbours(node, direction))
                {
                    result.Add(new Adjacency(node, next, null));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Adjacency>>(result);
    }

    public Task<IReadOnlyDictionary<NodeRef, long>> PlacesAsync(IReadOnlyList<NodeRef> nodes, CancellationToken cancellationToken) =>
        Task.FromResult(_index.Places(nodes));

    public Task<IReadOnlyList<PlacedStep>> ReadWithinAsync(IReadOnlyList<NodeRef> frontier, WalkDirection direction, long bound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var result = new List<PlacedStep>();
        _index.NeighboursWithin(frontier, direction, bound, result);
        if (_pending is { Count: > 0 })
        {
            foreach (var node in frontier)
            {
                var next = _pending.Neighbours(node, direction);
                if (next.Count == 0)
                {
                    continue;
                }

                foreach (var (to, place) in _index.Places(next))
                {
                    if (direction == WalkDirection.Downstream ? place <= bound : place >= bound)
                    {
                        result.Add(new PlacedStep(node, to, place));
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<PlacedStep>>(result);
    }

    public Task MoveAsync(IReadOnlyDictionary<NodeRef, long> places, CancellationToken cancellationToken)
    {
        _index.Move(places);
        return Task.CompletedTask;
    }
}
