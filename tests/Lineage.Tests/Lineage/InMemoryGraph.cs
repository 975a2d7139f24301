using Lineage.Lineage;

namespace Lineage.Tests.Lineage;

/// <summary>A plain adjacency-list graph for testing the core's graph rules on their own; counts what it is asked to read.</summary>
public sealed class InMemoryGraph : IAdjacencyReader, IOrderedGraph
{
    private readonly Dictionary<NodeRef, long> _places = [];
    private readonly List<NodeRef> _known = [];
    private readonly Dictionary<NodeRef, List<NodeRef>> _down = [];
    private readonly Dictionary<NodeRef, List<NodeRef>> _up = [];
    private readonly Dictionary<NodeRef, string> _types = [];

    public int StepsRead { get; private set; }

    /// <summary>Every node whose neighbours were asked for.</summary>
    public HashSet<NodeRef> Expanded { get; } = [];

    /// <summary>How many places the cycle rule has moved.</summary>
    public int Moved { get; private set; }

    public IReadOnlyDictionary<NodeRef, long> Place => _places;

    /// <summary>Places every node added so far in a topological order, as a store does when it loads a graph.</summary>
    public void Sort()
    {
        _places.Clear();
        foreach (var (node, place) in TopologicalSort.Places(_known, _known.SelectMany(n => _down.GetValueOrDefault(n, []).Select(m => (n, m)))))
        {
            _places[node] = place;
        }
    }

    /// <summary>Whether every edge leads from a lower place to a higher one, and no two nodes share a place.</summary>
    public bool IsOrdered() =>
        _places.Values.Distinct().Count() == _places.Count
        && _down.All(d => d.Value.All(to => _places.ContainsKey(d.Key) && _places.ContainsKey(to) && _places[d.Key] < _places[to]));

    public Task<IReadOnlyDictionary<NodeRef, long>> PlacesAsync(IReadOnlyList<NodeRef> nodes, CancellationToken cancellationToken)
    {
        foreach (var node in nodes.Where(n => !_places.ContainsKey(n)))
        {
            _places[node] = _places.Count == 0 ? 1 : _places.Values.Max() + 1;
        }

        return Task.FromResult<IReadOnlyDictionary<NodeRef, long>>(nodes.Distinct().ToDictionary(n => n, n => _places[n]));
    }

    public Task<IReadOnlyList<PlacedStep>> ReadWithinAsync(IReadOnlyList<NodeRef> frontier, WalkDirection direction, long bound, CancellationToken cancellationToken)
    {
        var map = direction == WalkDirection.Downstream ? _down : _up;
        Expanded.UnionWith(frontier);
        var steps = frontier.SelectMany(n => map.GetValueOrDefault(n, []).Select(m => new PlacedStep(n, m, _places[m])))
            .Where(s => direction == WalkDirection.Downstream ? s.Place <= bound : s.Place >= bound).ToList();
        StepsRead += steps.Count;
        return Task.FromResult<IReadOnlyList<PlacedStep>>(steps);
    }

    public Task MoveAsync(IReadOnlyDictionary<NodeRef, long> places, CancellationToken cancellationToken)
    {
        foreach (var (node, place) in places)
        {
            _places[node] = place;
        }

        Moved += places.Count;
        return Task.FromResult(0);
    }

    public void Type(NodeRef node, string type) => _types[node] = type;

    /// <summary>Adds a data-flow edge.</summary>
    public void Edge(NodeRef from, NodeRef to)
    {
        foreach (var node in new[] { from, to }.Where(n => !_down.ContainsKey(n) && !_up.ContainsKey(n)))
        {
            _known.Add(node);
        }

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
