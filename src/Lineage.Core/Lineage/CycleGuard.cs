namespace Lineage.Lineage;

/// <summary>
/// The cycle rule of DESIGN §2. A new edge <c>from → to</c> (in data-flow order) closes a
/// cycle exactly when <c>to</c> already reaches <c>from</c> downstream.
/// </summary>
public static class CycleGuard
{
    /// <summary>
    /// Returns the cycle the edge <paramref name="from"/> → <paramref name="to"/> would close
    /// (starting and ending at <paramref name="from"/>), or null when the edge is safe.
    /// Must run inside the write transaction that adds the edge.
    /// </summary>
    public static async Task<IReadOnlyList<NodeRef>?> FindCycleAsync(
        IAdjacencyReader reader, NodeRef from, NodeRef to, CancellationToken cancellationToken)
    {
        // In ordinary, time-ordered work the run of the new edge is the newest node of the
        // graph, so the search starts on its side: downstream of a run that is using a
        // version, upstream of a run that is logging one. That side usually ends at once.
        var startForward = to.Kind == NodeKind.Run;
        var path = await FindPathAsync(reader, to, from, startForward, cancellationToken).ConfigureAwait(false);
        return path is null ? null : [from, .. path];
    }

    /// <summary>
    /// A downstream path from <paramref name="source"/> to <paramref name="target"/>,
    /// both ends included, or null. Searches from both ends at once, widens the smaller
    /// frontier (on a tie, the side named by <paramref name="startForward"/>) and stops as
    /// soon as either side runs dry, so a hub on the far side is never read when the near
    /// side ends first.
    /// </summary>
    public static async Task<IReadOnlyList<NodeRef>?> FindPathAsync(
        IAdjacencyReader reader, NodeRef source, NodeRef target, bool startForward, CancellationToken cancellationToken)
    {
        if (source == target)
        {
            return [source];
        }

        var forwardParent = new Dictionary<NodeRef, NodeRef> { [source] = source };
        var backwardParent = new Dictionary<NodeRef, NodeRef> { [target] = target };
        List<NodeRef> forward = [source];
        List<NodeRef> backward = [target];

        while (forward.Count > 0 && backward.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var widenForward = forward.Count == backward.Count ? startForward : forward.Count < backward.Count;
            var (frontier, direction, own, other) = widenForward
                ? (forward, WalkDirection.Downstream, forwardParent, backwardParent)
                : (backward, WalkDirection.Upstream, backwardParent, forwardParent);

            var steps = await reader.ReadAsync(frontier, direction, cancellationToken).ConfigureAwait(false);
            var next = new List<NodeRef>();
            foreach (var step in steps)
            {
                if (!own.TryAdd(step.To, step.From))
                {
                    continue;
                }

                if (other.ContainsKey(step.To))
                {
                    return Join(step.To, forwardParent, backwardParent);
                }

                next.Add(step.To);
            }

            if (widenForward)
            {
                forward = next;
            }
            else
            {
                backward = next;
            }
        }

        return null;
    }

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
}
