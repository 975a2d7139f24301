using Lineage.Lineage;

namespace Lineage.Neo4j;

/// <summary>One level of a walk: the neighbours of a frontier, read by one statement of cypher/lineage.</summary>
internal sealed class CypherAdjacencyReader : IAdjacencyReader
{
    private readonly Neo4jSession _session;

    public CypherAdjacencyReader(Neo4jSession session)
    {
        _session = session;
    }

    public async Task<IReadOnlyList<Adjacency>> ReadAsync(IReadOnlyList<NodeRef> nodes, WalkDirection direction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return [];
        }

        return await _session.QueryAsync(
            direction == WalkDirection.Downstream ? "lineage/downstream" : "lineage/upstream",
            r => new Adjacency(
                Node(r.String("fromKind"), r.Long("fromId")),
                Node(r.String("toKind"), r.Long("toId")),
                r.NullableString("toType"),
                r.Long("toNamespace")),
            cancellationToken,
            ("runs", Ids(nodes, NodeKind.Run)),
            ("versions", Ids(nodes, NodeKind.Artifact))).ConfigureAwait(false);
    }

    public static long[] Ids(IEnumerable<NodeRef> nodes, NodeKind kind) => [.. nodes.Where(n => n.Kind == kind).Select(n => n.Id)];

    public static NodeRef Node(string kind, long id) => kind == "RUN" ? NodeRef.Run(id) : NodeRef.Version(id);
}
