using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>
    /// Walks the lineage breadth-first with the core's walker: each level is one Cypher
    /// statement that expands the whole frontier in the database, and the walk stops at the
    /// query's depth and node budget.
    /// </summary>
    public Task<LineageGraph> GetLineageAsync(LineageQuery query, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        return ReadAsync(async s =>
        {
            var start = (await DescribeAsync(s, [query.Start], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(query.Start);
            var walk = await LineageWalker.WalkFromAsync(new CypherAdjacencyReader(s, query, access), query, start?.Description, access, cancellationToken).ConfigureAwait(false)
                ?? throw Missing.LineageStart(query.Start);
            var names = await DescribeAsync(s, [.. walk.Nodes.Select(n => n.Node)], cancellationToken).ConfigureAwait(false);
            var nodes = walk.Nodes
                .Select(n => (n, d: names[n.Node]))
                .Select(x => new LineageNode(x.n.Node, x.n.Hops, x.d.Name, x.d.Type, x.d.Project))
                .ToList();
            return new LineageGraph(nodes, walk.Edges, walk.Truncated);
        }, cancellationToken);
    }

    /// <summary>How lineage nodes are shown, new ones of the current transaction included.</summary>
    private static async Task<Dictionary<NodeRef, NodeName>> DescribeAsync(Neo4jSession s, IReadOnlyCollection<NodeRef> nodes, CancellationToken cancellationToken)
    {
        var names = new Dictionary<NodeRef, NodeName>();
        if (nodes.Count == 0)
        {
            return names;
        }

        foreach (var row in (await s.RunAsync(
            "lineage/describe",
            cancellationToken,
            ("runs", CypherAdjacencyReader.Ids(nodes, NodeKind.Run)),
            ("versions", CypherAdjacencyReader.Ids(nodes, NodeKind.Artifact))).ConfigureAwait(false)).Rows)
        {
            var project = row.String("project");
            var name = row.String("name");
            names[CypherAdjacencyReader.Node(row.String("kind"), row.Long("id"))] =
                new NodeName(name, $"{project}/{name}", project, row.NullableString("type"), row.Long("namespaceId"));
        }

        return names;
    }

    private sealed record NodeName(string Name, string Path, string Project, string? Type, long NamespaceId)
    {
        public NodeDescription Description => new(Name, Path, Type, NamespaceId);
    }
}
