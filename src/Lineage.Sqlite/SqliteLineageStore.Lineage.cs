using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    public async Task<LineageGraph> GetLineageAsync(LineageQuery query, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        if (query.AsOf is { } asOf)
        {
            return await _database.ReadAsync(s => PastLineageAsync(s, query, asOf, access, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        await EnsureGraphCurrentAsync(cancellationToken).ConfigureAwait(false);
        return _graph.Lineage(query, access) ?? throw Missing.LineageStart(query.Start);
    }

    /// <summary>A walk over the edges recorded by <paramref name="asOf"/>, read from the tables.</summary>
    private static async Task<LineageGraph> PastLineageAsync(SqliteSession s, LineageQuery query, DateTimeOffset asOf, Access access, CancellationToken cancellationToken)
    {
        var start = (await DescribeNodesAsync(s, [query.Start], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(query.Start);
        var walk = await LineageWalker.WalkFromAsync(new PastAdjacencyReader(s, asOf), query, start, access, cancellationToken).ConfigureAwait(false)
            ?? throw Missing.LineageStart(query.Start);
        var names = await DescribeNodesAsync(s, [.. walk.Nodes.Select(n => n.Node)], cancellationToken).ConfigureAwait(false);
        var nodes = walk.Nodes
            .Select(n => (n, d: names[n.Node]))
            .Select(x => new LineageNode(x.n.Node, x.n.Hops, x.d.Name, x.d.Type, x.d.Path[..(x.d.Path.Length - x.d.Name.Length - 1)]))
            .ToList();
        return new LineageGraph(nodes, walk.Edges, walk.Truncated);
    }

    /// <summary>The qualified names of runs and versions, new ones of this transaction included, with their namespaces.</summary>
    private static async Task<IReadOnlyDictionary<NodeRef, NodeDescription>> DescribeNodesAsync(
        SqliteSession s, IReadOnlyCollection<NodeRef> nodes, CancellationToken cancellationToken)
    {
        var names = new Dictionary<NodeRef, NodeDescription>();
        var runs = nodes.Where(n => n.Kind == NodeKind.Run).Select(n => n.Id).ToList();
        var versions = nodes.Where(n => n.Kind == NodeKind.Artifact).Select(n => n.Id).ToList();
        if (runs.Count > 0)
        {
            foreach (var (id, name) in await s.QueryAsync(
                $"SELECT r.id, n.name || '/' || p.name || '/' || r.name, p.namespace_id, r.name, r.job_type FROM json_each($ids) j JOIN runs r ON r.id = j.value {Rows.RunJoins}",
                r => (r.GetInt64(0), new NodeDescription(r.GetString(3), r.GetString(1), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(2))),
                cancellationToken,
                ("$ids", Rows.Ids(runs))).ConfigureAwait(false))
            {
                names[NodeRef.Run(id)] = name;
            }
        }

        if (versions.Count > 0)
        {
            foreach (var (id, name) in await s.QueryAsync(
                $"SELECT v.id, n.name || '/' || p.name || '/' || a.name || ':v' || v.version_index, p.namespace_id, a.name || ':v' || v.version_index, a.type FROM json_each($ids) j JOIN artifact_versions v ON v.id = j.value {Rows.VersionJoins}",
                r => (r.GetInt64(0), new NodeDescription(r.GetString(3), r.GetString(1), r.GetString(4), r.GetInt64(2))),
                cancellationToken,
                ("$ids", Rows.Ids(versions))).ConfigureAwait(false))
            {
                names[NodeRef.Version(id)] = name;
            }
        }

        return names;
    }
}
