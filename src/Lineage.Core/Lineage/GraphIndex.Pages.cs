using Lineage.Identity;
using Lineage.Model;

namespace Lineage.Lineage;

public sealed partial class GraphIndex
{
    /// <summary>
    /// One page of <paramref name="node"/>'s neighbours over the edges of <paramref name="kind"/>
    /// in <paramref name="direction"/>, in the store's order of those edges, after the edge at
    /// <see cref="PageRequest.AfterKey"/>, leaving out neighbours in namespaces the caller may
    /// not see; each item's key is its edge's position. A node the index does not hold, or that no
    /// such edge leaves in that direction, has none.
    /// Null when the edges did not arrive in the store's order, and only the store can page them.
    /// </summary>
    public Page<long>? NeighbourPage(NodeRef node, EdgeKind kind, WalkDirection direction, PageRequest page, Access access)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(access);
        _lock.EnterReadLock();
        try
        {
            var lists = (direction == WalkDirection.Downstream ? _outgoing : _incoming)[(int)kind];
            if (!lists.InStoreOrder)
            {
                return null;
            }

            var info = EdgeKinds.Of(kind);
            if (!Holds(node) || node.Kind != (direction == WalkDirection.Downstream ? info.From : info.To))
            {
                return Page<long>.Empty;
            }

            var items = new List<PageItem<long>>(Math.Min(page.First, 128));
            for (var e = lists.First((int)node.Id); e != 0; e = lists.Next(e))
            {
                var seq = lists.Seq(e);
                var target = lists.Target(e);
                if (seq <= page.AfterKey
                    || !(access.IsAdministrator || access.CanSeeNamespace(node.Kind == NodeKind.Run ? VersionNamespace(target) : RunNamespace(target))))
                {
                    continue;
                }

                if (items.Count == page.First)
                {
                    return new Page<long>(items, HasNextPage: true);
                }

                items.Add(new PageItem<long>(target, seq));
            }

            return new Page<long>(items, HasNextPage: false);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
