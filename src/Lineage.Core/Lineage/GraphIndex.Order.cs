namespace Lineage.Lineage;

public sealed partial class GraphIndex
{
    // Each node's place in a topological order of the held edges and of those a write
    // transaction has checked but not yet committed (the order is not undone when such a
    // transaction rolls back: an order that also respects edges that never came is still one).
    // Zero is "no place yet", which only a node without edges lacks. Places are kept in memory
    // alone: a store's graph is loaded whole at start, and the order is sorted then.
    private Column<long> _runPlace = new();
    private Column<long> _versionPlace = new();
    private long _lastPlace;

    /// <summary>The places of <paramref name="nodes"/>, each node without one placed after every other.</summary>
    public IReadOnlyDictionary<NodeRef, long> Places(IReadOnlyList<NodeRef> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _lock.EnterWriteLock();
        try
        {
            return nodes.Distinct().ToDictionary(n => n, PlaceHeld);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The neighbours of <paramref name="frontier"/> whose place lies within <paramref name="bound"/> (see <see cref="IOrderedGraph.ReadWithinAsync"/>).</summary>
    public void NeighboursWithin(IReadOnlyList<NodeRef> frontier, WalkDirection direction, long bound, List<PlacedStep> into)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(into);
        _lock.EnterReadLock();
        try
        {
            foreach (var node in frontier)
            {
                foreach (var target in NeighboursHeld(node, direction))
                {
                    var place = PlaceColumn(target.Kind)[(int)target.Id];
                    if (direction == WalkDirection.Downstream ? place <= bound : place >= bound)
                    {
                        into.Add(new PlacedStep(node, target, place));
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Gives nodes new places, as the cycle rule decided.</summary>
    public void Move(IReadOnlyDictionary<NodeRef, long> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        _lock.EnterWriteLock();
        try
        {
            foreach (var (node, place) in places)
            {
                SetPlace(node, place);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Places the ends of an edge <see cref="Apply"/> adds, and says whether the edge leads upward.
    /// A transaction's own edges were placed by its cycle checks, and a new version's place
    /// comes after its run's; an edge placed the other way round (one stored by another
    /// process, or a whole graph loaded at start) has the order sorted again.
    /// </summary>
    private bool Ordered(NodeRef from, NodeRef to) => PlaceHeld(from) < PlaceHeld(to);

    /// <summary>
    /// Places every held node anew (Kahn's algorithm over the arrays: the order
    /// <see cref="TopologicalSort"/> gives, without a dictionary per node, since it runs on
    /// the whole graph at start). Nodes without edges are placed when first asked for.
    /// </summary>
    private void SortHeld()
    {
        var kinds = new[] { NodeKind.Run, NodeKind.Artifact };
        var last = new[] { checked((int)Watermark.Run), checked((int)Watermark.Version) };
        var waiting = new[] { new int[last[0] + 1], new int[last[1] + 1] };
        var linked = new[] { new bool[last[0] + 1], new bool[last[1] + 1] };
        var total = 0;
        foreach (var kind in kinds)
        {
            var other = 1 - (int)kind;
            for (var id = 1; id <= last[(int)kind]; id++)
            {
                if (!Holds(new NodeRef(kind, id)))
                {
                    continue;
                }

                foreach (var lists in EdgesOf(kind, WalkDirection.Downstream))
                {
                    for (var e = lists.First(id); e != 0; e = lists.Next(e))
                    {
                        waiting[other][lists.Target(e)]++;
                        total += linked[other][lists.Target(e)] ? 0 : 1;
                        linked[other][lists.Target(e)] = true;
                        total += linked[(int)kind][id] ? 0 : 1;
                        linked[(int)kind][id] = true;
                    }
                }
            }
        }

        // A queue of nodes whose upstream is all placed, as id * 2 + kind.
        var ready = new long[total];
        var (head, tail) = (0, 0);
        foreach (var kind in kinds)
        {
            for (var id = 1; id <= last[(int)kind]; id++)
            {
                if (linked[(int)kind][id] && waiting[(int)kind][id] == 0)
                {
                    ready[tail++] = (id * 2L) + (int)kind;
                }
            }
        }

        (_runPlace, _versionPlace) = (new(), new());
        _lastPlace = 0;
        while (head < tail)
        {
            var (id, kind) = ((int)(ready[head] / 2), (NodeKind)(ready[head++] % 2));
            SetPlace(new NodeRef(kind, id), ++_lastPlace);
            var other = 1 - (int)kind;
            foreach (var lists in EdgesOf(kind, WalkDirection.Downstream))
            {
                for (var e = lists.First(id); e != 0; e = lists.Next(e))
                {
                    if (--waiting[other][lists.Target(e)] == 0)
                    {
                        ready[tail++] = (lists.Target(e) * 2L) + other;
                    }
                }
            }
        }

        if (tail != total)
        {
            throw new InvalidOperationException("The stored lineage holds a cycle: it cannot be placed in order.");
        }
    }

    private long PlaceHeld(NodeRef node)
    {
        var place = PlaceColumn(node.Kind)[(int)node.Id];
        if (place == 0)
        {
            place = ++_lastPlace;
            SetPlace(node, place);
        }

        return place;
    }

    private Column<long> PlaceColumn(NodeKind kind) => kind == NodeKind.Run ? _runPlace : _versionPlace;

    private void SetPlace(NodeRef node, long place)
    {
        if (node.Kind == NodeKind.Run)
        {
            _runPlace.Set(node.Id, place);
        }
        else
        {
            _versionPlace.Set(node.Id, place);
        }
    }
}
