using Lineage.Lineage;

namespace Lineage.Tests.Lineage;

/// <summary>A plain adjacency-list graph for testing the core's graph rules on their own; counts what it is asked to read.</summary>
public sealed class InMemoryGraph : IAdjacencyReader
{
    private readonly Dictionary<NodeRef, List<NodeRef>> _down = [];
    private readonly Dictionary<NodeRef, List<NodeRef>> _up = [];
    private readonly Dictionary<NodeRef, string> _types = [];

    public int StepsRead { get; private set; }

    public void Type(NodeRef node, string type) => _types[node] = type;

    /// <summary>Adds a data-flow edge.</summary>
    public void Edge(NodeRef from, NodeRef to)
    {
        Add(_down, from, to);
        Add(_up, to, from);
    }

    /// <summary>Shortest downstream distances from <paramref name="source"/> to everything it reaches.</summary>
    public Dictionary<NodeRef, int> Distances(NodeRef source)
    {
        var distances = new Dictionary<NodeRef, int> { [source] = 0 };
        var queue = new Queue<NodeRef>([source]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in _down.GetValueOrDefault(node, []))
            {
                if (distances.TryAdd(next, distances[node] + 1))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return distances;
    }

    public bool Reaches(NodeRef source, NodeRef target)
    {
        var seen = new HashSet<NodeRef> { source };
        var queue = new Queue<NodeRef>([source]);
        while (queue.TryDequeue(out var node))
        {
            if (node == target)
            {
                return true;
            }

            foreach (var next in _down.GetValueOrDefault(node, []))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return false;
    }

    public Task<IReadOnlyList<Adjacency>> ReadAsync(IReadOnlyList<NodeRef> nodes, WalkDirection direction, CancellationToken cancellationToken)
    {
        var map = direction == WalkDirection.Downstream ? _down : _up;
        var steps = nodes.SelectMany(n => map.GetValueOrDefault(n, []).Select(m => new Adjacency(n, m, _types.GetValueOrDefault(m)))).ToList();
        StepsRead += steps.Count;
        return Task.FromResult<IReadOnlyList<Adjacency>>(steps);
    }

    private static void Add(Dictionary<NodeRef, List<NodeRef>> map, NodeRef key, NodeRef value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
