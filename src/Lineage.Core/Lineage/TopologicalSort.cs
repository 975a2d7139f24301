namespace Lineage.Lineage;

/// <summary>Places for a whole graph at once, for a store that has none yet or must start over.</summary>
public static class TopologicalSort
{
    /// <summary>
    /// Places 1, 2, 3… for <paramref name="nodes"/> (and any edge end not among them) such that
    /// every edge leads to a higher place; nodes that could go either way keep the order given.
    /// </summary>
    /// <exception cref="InvalidOperationException">The edges form a cycle, which stored lineage never holds.</exception>
    public static Dictionary<NodeRef, long> Places(IEnumerable<NodeRef> nodes, IEnumerable<(NodeRef From, NodeRef To)> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var order = new List<NodeRef>();
        var waiting = new Dictionary<NodeRef, int>();
        var next = new Dictionary<NodeRef, List<NodeRef>>();
        void Know(NodeRef node)
        {
            if (waiting.TryAdd(node, 0))
            {
                order.Add(node);
            }
        }

        foreach (var node in nodes)
        {
            Know(node);
        }

        foreach (var (from, to) in edges)
        {
            Know(from);
            Know(to);
            waiting[to]++;
            if (!next.TryGetValue(from, out var list))
            {
                next[from] = list = [];
            }

            list.Add(to);
        }

        var places = new Dictionary<NodeRef, long>(order.Count);
        var ready = new Queue<NodeRef>(order.Where(n => waiting[n] == 0));
        while (ready.TryDequeue(out var node))
        {
            places[node] = places.Count + 1;
            foreach (var to in next.GetValueOrDefault(node, []))
            {
                if (--waiting[to] == 0)
                {
                    ready.Enqueue(to);
                }
            }
        }

        return places.Count == order.Count
            ? places
            : throw new InvalidOperationException($"The stored lineage holds a cycle through {order.First(n => !places.ContainsKey(n))}.");
    }
}
