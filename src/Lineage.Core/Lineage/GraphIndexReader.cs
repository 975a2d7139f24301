namespace Lineage.Lineage;

/// <summary>
/// Reads neighbours from a <see cref="GraphIndex"/>, plus the edges a write transaction has
/// added but not yet committed, so that a cycle check inside the transaction sees them too.
/// </summary>
public sealed class GraphIndexReader : IAdjacencyReader
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
}
