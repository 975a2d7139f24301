using Lineage.Identity;
using Lineage.Lineage;

namespace Lineage.Neo4j;

/// <summary>
/// One level of a walk: the neighbours of a frontier, read by statements of cypher/lineage, at
/// most <see cref="MaxIdsPerStatement"/> frontier ids each. A lineage walk passes the caller's
/// visible namespaces and the query's types, so that neighbours the walker would leave out are
/// not sent at all.
/// </summary>
internal sealed class CypherAdjacencyReader : IAdjacencyReader
{
    /// <summary>How many frontier ids one statement carries: a wide frontier is read in parts.</summary>
    public const int MaxIdsPerStatement = 10_000;

    private readonly Neo4jSession _session;
    private readonly long[]? _visible;
    private readonly string[]? _jobTypes;
    private readonly string[]? _artifactTypes;
    private readonly string? _asOf;

    /// <summary>A reader for a lineage walk by <paramref name="access"/>'s caller.</summary>
    public CypherAdjacencyReader(Neo4jSession session, LineageQuery query, Access access)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        _session = session;
        _visible = access.VisibleNamespaces is { } visible ? [.. visible] : null;
        _jobTypes = query.JobTypes is { } jobs ? [.. jobs] : null;
        _artifactTypes = query.ArtifactTypes is { } types ? [.. types] : null;
        _asOf = query.AsOf is { } asOf ? Cypher.FormatTime(asOf) : null;
    }

    public async Task<IReadOnlyList<Adjacency>> ReadAsync(IReadOnlyList<NodeRef> nodes, WalkDirection direction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var steps = new List<Adjacency>();
        foreach (var part in nodes.Chunk(MaxIdsPerStatement))
        {
            steps.AddRange(await _session.QueryAsync(
                direction == WalkDirection.Downstream ? "lineage/downstream" : "lineage/upstream",
                r => new Adjacency(
                    Node(r, "fromKind", "fromId"),
                    Node(r, "toKind", "toId"),
                    r.NullableString("toType"),
                    r.Long("toNamespace")),
                cancellationToken,
                ("runs", Ids(part, NodeKind.Run)),
                ("versions", Ids(part, NodeKind.Artifact)),
                ("visible", _visible),
                ("jobTypes", _jobTypes),
                ("artifactTypes", _artifactTypes),
                ("asOf", _asOf)).ConfigureAwait(false));
        }

        return steps;
    }

    public static long[] Ids(IEnumerable<NodeRef> nodes, NodeKind kind) => [.. nodes.Where(n => n.Kind == kind).Select(n => n.Id)];

    public static NodeRef Node(string kind, long id) => kind == "RUN" ? NodeRef.Run(id) : NodeRef.Version(id);

    /// <summary>The node a row names in its <paramref name="kind"/> and <paramref name="id"/> fields, read without making a string of the kind.</summary>
    public static NodeRef Node(CypherRow row, string kind, string id) => row[kind].ValueEquals("RUN"u8) ? NodeRef.Run(row.Long(id)) : NodeRef.Version(row.Long(id));
}
