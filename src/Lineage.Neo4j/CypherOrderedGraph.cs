using Lineage.Lineage;

namespace Lineage.Neo4j;

/// <summary>
/// The places of the lineage's topological order, kept as a <c>place</c> property on runs and
/// versions and read and moved by statements of cypher/lineage, inside the write transaction
/// of the edge being checked. New nodes take their place from a sequence when they are made.
/// </summary>
internal sealed class CypherOrderedGraph(Neo4jSession session) : IOrderedGraph
{
    public async Task<IReadOnlyDictionary<NodeRef, long>> PlacesAsync(IReadOnlyList<NodeRef> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var rows = await session.QueryAsync(
            "lineage/places",
            r => (Node: CypherAdjacencyReader.Node(r, "kind", "id"), Place: r.NullableLong("place")),
            cancellationToken,
            ("runs", CypherAdjacencyReader.Ids(nodes, NodeKind.Run)),
            ("versions", CypherAdjacencyReader.Ids(nodes, NodeKind.Artifact))).ConfigureAwait(false);
        var places = rows.ToDictionary(
            r => r.Node,
            r => r.Place ?? throw new Neo4jStoreException($"{r.Node} has no place in the lineage's order: the database was not set up by this version (restart the service to place it)"));
        foreach (var node in nodes.Where(n => !places.ContainsKey(n)))
        {
            throw new Neo4jStoreException($"{node} is not in the database");
        }

        return places;
    }

    public async Task<IReadOnlyList<PlacedStep>> ReadWithinAsync(IReadOnlyList<NodeRef> frontier, WalkDirection direction, long bound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var steps = new List<PlacedStep>();
        foreach (var part in frontier.Chunk(CypherAdjacencyReader.MaxIdsPerStatement))
        {
            steps.AddRange(await session.QueryAsync(
                direction == WalkDirection.Downstream ? "lineage/downstream-within" : "lineage/upstream-within",
                r => new PlacedStep(
                    CypherAdjacencyReader.Node(r, "fromKind", "fromId"),
                    CypherAdjacencyReader.Node(r, "toKind", "toId"),
                    r.Long("place")),
                cancellationToken,
                ("runs", CypherAdjacencyReader.Ids(part, NodeKind.Run)),
                ("versions", CypherAdjacencyReader.Ids(part, NodeKind.Artifact)),
                ("bound", bound)).ConfigureAwait(false));
        }

        return steps;
    }

    public async Task MoveAsync(IReadOnlyDictionary<NodeRef, long> places, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(places);
        foreach (var part in places.Chunk(CypherAdjacencyReader.MaxIdsPerStatement))
        {
            await session.RunAsync("lineage/move", cancellationToken, ("runs", Moves(part, NodeKind.Run)), ("versions", Moves(part, NodeKind.Artifact))).ConfigureAwait(false);
        }
    }

    public static Dictionary<string, long>[] Moves(IEnumerable<KeyValuePair<NodeRef, long>> places, NodeKind kind) =>
        [.. places.Where(p => p.Key.Kind == kind).Select(p => new Dictionary<string, long> { ["id"] = p.Key.Id, ["place"] = p.Value })];
}
