using Lineage.Identity;

namespace Lineage.Lineage;

/// <summary>
/// Breadth-first lineage walk over an <see cref="IAdjacencyReader"/>, one read per level.
/// <list type="bullet">
/// <item>hops are shortest distances from the start, in the walk's direction;</item>
/// <item>a node filtered out by type, or in a namespace the caller cannot see, is neither
/// returned nor walked through: what lies beyond it is reached only along visible paths;</item>
/// <item>edges are returned only between returned nodes, at most <see cref="LineageQuery.MaxEdges"/>;</item>
/// <item><c>Truncated</c> is true exactly when depth or the node budget left out a node that
/// the filters would have admitted.</item>
/// </list>
/// </summary>
public static class LineageWalker
{
    /// <summary>
    /// The walk from a start a store described, or null when there is no such start or the caller
    /// may not see it: the two get the same answer.
    /// </summary>
    public static async Task<Traversal?> WalkFromAsync(
        IAdjacencyReader reader, LineageQuery query, NodeDescription? start, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        if (start is null || !access.CanSeeNamespace(start.NamespaceId))
        {
            return null;
        }

        return await WalkAsync(reader, query, start.Type, access, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Traversal> WalkAsync(
        IAdjacencyReader reader, LineageQuery query, string? startType, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        var hops = new Dictionary<NodeRef, int> { [query.Start] = 0 };
        var nodes = new List<TraversedNode> { new(query.Start, 0, startType) };
        var edges = new List<LineageEdge>();
        var seenEdges = new HashSet<LineageEdge>();
        var truncated = false;

        foreach (var direction in Directions(query.Direction))
        {
            IReadOnlyList<NodeRef> frontier = [query.Start];
            for (var hop = 1; frontier.Count > 0; hop++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var steps = await reader.ReadAsync(frontier, direction, cancellationToken).ConfigureAwait(false);
                var ordered = steps.Where(s => Admits(query, access, s)).OrderBy(s => s.From).ThenBy(s => s.To);

                // Past the depth, or once the budget is spent, a level is read only to close
                // edges between nodes already returned and to learn whether anything was left out.
                var closing = hop > query.Depth || nodes.Count >= query.MaxNodes;
                var next = new List<NodeRef>();
                foreach (var step in ordered)
                {
                    if (!hops.ContainsKey(step.To))
                    {
                        if (closing || nodes.Count >= query.MaxNodes)
                        {
                            truncated = true;
                            continue;
                        }

                        hops[step.To] = hop;
                        nodes.Add(new TraversedNode(step.To, hop, step.ToType));
                        next.Add(step.To);
                    }

                    var edge = direction == WalkDirection.Downstream
                        ? LineageEdge.Between(step.From, step.To)
                        : LineageEdge.Between(step.To, step.From);
                    if (edges.Count >= query.MaxEdges)
                    {
                        truncated |= !seenEdges.Contains(edge);
                    }
                    else if (seenEdges.Add(edge))
                    {
                        edges.Add(edge);
                    }
                }

                if (closing)
                {
                    break;
                }

                frontier = next;
                if (frontier.Count == 0 && nodes.Count >= query.MaxNodes)
                {
                    break;
                }
            }
        }

        return new Traversal(nodes, edges, truncated);
    }

    private static IEnumerable<WalkDirection> Directions(LineageDirection direction) => direction switch
    {
        LineageDirection.Upstream => [WalkDirection.Upstream],
        LineageDirection.Downstream => [WalkDirection.Downstream],
        _ => [WalkDirection.Upstream, WalkDirection.Downstream],
    };

    private static bool Admits(LineageQuery query, Access access, Adjacency step)
    {
        if (!access.CanSeeNamespace(step.ToNamespaceId))
        {
            return false;
        }

        var filter = step.To.Kind == NodeKind.Artifact ? query.ArtifactTypes : query.JobTypes;
        return filter is null || (step.ToType is not null && filter.Contains(step.ToType));
    }
}
