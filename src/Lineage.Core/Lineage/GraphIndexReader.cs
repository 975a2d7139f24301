namespace Lineage.Lineage;

/// <summary>
/// Reads neighbours from a <see cref="GraphIndex"/>, plus the edges a write transaction has
/// added but not yet committed, so that a cycle check inside the transaction sees them too.
/// </summary>
public sealed class GraphIndexReader : IAdjacencyReader
{
    private readonly GraphIndex _index;
    private readonly IReadOnlyList<LineageEdge> _pending;

    public GraphIndexReader(GraphIndex index, IReadOnlyList<LineageEdge>? pending = null)
    {
        _index = index;
        _pending = pending ?? [];
    }

    public Task<IReadOnlyList<Adjacency>> ReadAsync(IReadOnlyList<NodeRef> nodes, WalkDirection direction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var result = new List<Adjacency>();
        _index.Neighbours(nodes, direction, result);
        if (_pending.Count > 0)
        {
            var wanted = nodes.ToHashSet();
            foreach (var edge in _pending)
            {
                var (from, to) = direction == WalkDirection.Downstream ? (edge.From, edge.To) : (edge.To, edge.From);
                if (wanted.Contains(from))
                {
                    result.Add(new Adjacency(from, to, null));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Adjacency>>(result);
    }
}
