using Lineage.Lineage;

namespace Lineage.Sqlite;

/// <summary>The edges a write transaction has added, by node and direction, for the cycle checks later in it.</summary>
internal sealed class PendingEdges : IAdjacencyOverlay
{
    private readonly Dictionary<NodeRef, List<NodeRef>> _downstream = [];
    private readonly Dictionary<NodeRef, List<NodeRef>> _upstream = [];

    public int Count { get; private set; }

    public void Add(LineageEdge edge)
    {
        Append(_downstream, edge.From, edge.To);
        Append(_upstream, edge.To, edge.From);
        Count++;
    }

    public IReadOnlyList<NodeRef> Neighbours(NodeRef node, WalkDirection direction) =>
        (direction == WalkDirection.Downstream ? _downstream : _upstream).TryGetValue(node, out var list) ? list : [];

    private static void Append(Dictionary<NodeRef, List<NodeRef>> lists, NodeRef from, NodeRef to)
    {
        if (!lists.TryGetValue(from, out var list))
        {
            lists[from] = list = [];
        }

        list.Add(to);
    }
}
