namespace Lineage.Lineage;

/// <summary>
/// The cycle rule of DESIGN §2. A new edge <c>from → to</c> (in data-flow order) closes a
/// cycle exactly when <c>to</c> already reaches <c>from</c> downstream.
/// </summary>
/// <remarks>
/// The graph keeps a topological order (Pearce and Kelly's dynamic one), so the check is
/// bounded by the places of the two ends. An edge from a lower place to a higher one, which is
/// what time-ordered work adds (a new run using a version; a run logging new content), is
/// decided without reading a single edge. Otherwise only the nodes placed between the two ends
/// can lie on a cycle: those downstream of <c>to</c> and upstream of <c>from</c> are searched,
/// and, when no cycle is found, they swap places so that the new edge leads upward too.
/// </remarks>
public static class CycleGuard
{
    /// <summary>
    /// Returns the cycle the edge <paramref name="from"/> → <paramref name="to"/> would close
    /// (starting and ending at <paramref name="from"/>), or null when the edge is safe, after
    /// moving places so that the order holds with the edge. Must run inside the write
    /// transaction that adds the edge.
    /// </summary>
    public static async Task<IReadOnlyList<NodeRef>?> FindCycleAsync(
        IOrderedGraph graph, NodeRef from, NodeRef to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ends = await graph.PlacesAsync([from, to], cancellationToken).ConfigureAwait(false);
        var (low, high) = (ends[to], ends[from]);
        if (low > high)
        {
            return null;
        }

        // Downstream of `to` below `from`'s place, and upstream of `from` above `to`'s place:
        // a node in both lies on a cycle. The smaller frontier widens first, so a hub on one
        // side is read only when the other side has not already run dry.
        var forward = new Side(to, low, WalkDirection.Downstream, high);
        var backward = new Side(from, high, WalkDirection.Upstream, low);
        while (forward.Frontier.Count > 0 || backward.Frontier.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (side, other) = backward.Frontier.Count == 0 || (forward.Frontier.Count > 0 && forward.Frontier.Count <= backward.Frontier.Count)
                ? (forward, backward)
                : (backward, forward);
            var steps = await graph.ReadWithinAsync(side.Frontier, side.Direction, side.Bound, cancellationToken).ConfigureAwait(false);
            var next = new List<NodeRef>();
            foreach (var step in steps)
            {
                if (!side.Parent.TryAdd(step.To, step.From))
                {
                    continue;
                }

                side.Place[step.To] = step.Place;
                if (other.Parent.ContainsKey(step.To))
                {
                    return [from, .. Join(step.To, forward.Parent, backward.Parent)];
                }

                next.Add(step.To);
            }

            side.Frontier = next;
        }

        // No cycle: the places of both sides are pooled, and `from`'s side takes the lowest, each
        // side keeping its own order, which puts every edge (the new one too) upward again.
        var upstream = backward.Place.OrderBy(n => n.Value).Select(n => n.Key);
        var downstream = forward.Place.OrderBy(n => n.Value).Select(n => n.Key);
        var pool = backward.Place.Values.Concat(forward.Place.Values).Order().ToList();
        var moves = new Dictionary<NodeRef, long>();
        foreach (var (node, place) in upstream.Concat(downstream).Zip(pool))
        {
            if ((backward.Place.TryGetValue(node, out var old) || forward.Place.TryGetValue(node, out old)) && old != place)
            {
                moves[node] = place;
            }
        }

        if (moves.Count > 0)
        {
            await graph.MoveAsync(moves, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>The path from the forward search's start through <paramref name="meeting"/> to the backward search's start.</summary>
    private static List<NodeRef> Join(NodeRef meeting, Dictionary<NodeRef, NodeRef> forwardParent, Dictionary<NodeRef, NodeRef> backwardParent)
    {
        var head = new List<NodeRef>();
        for (var node = meeting; ; node = forwardParent[node])
        {
            head.Add(node);
            if (forwardParent[node] == node)
            {
                break;
            }
        }

        head.Reverse();
        for (var node = meeting; backwardParent[node] != node;)
        {
            node = backwardParent[node];
            head.Add(node);
        }

        return head;
    }

    /// <summary>One side of the search: what it has reached (with how, and where each is placed) and what it reads next.</summary>
    private sealed class Side(NodeRef start, long place, WalkDirection direction, long bound)
    {
        public Dictionary<NodeRef, NodeRef> Parent { get; } = new() { [start] = start };

        public Dictionary<NodeRef, long> Place { get; } = new() { [start] = place };

        public List<NodeRef> Frontier { get; set; } = [start];

        public WalkDirection Direction => direction;

        public long Bound => bound;
    }
}
