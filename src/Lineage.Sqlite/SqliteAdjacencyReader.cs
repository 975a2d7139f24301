using Lineage.Lineage;

namespace Lineage.Sqlite;

/// <summary>
/// Reads the neighbours of a frontier of nodes with one statement per node kind; with scopes,
/// also each neighbour's type and namespace, which lineage walks filter on.
/// </summary>
internal sealed class SqliteAdjacencyReader : IAdjacencyReader
{
    private readonly SqliteSession _session;
    private readonly bool _withScopes;

    public SqliteAdjacencyReader(SqliteSession session, bool withScopes)
    {
        _session = session;
        _withScopes = withScopes;
    }

    public async Task<IReadOnlyList<Adjacency>> ReadAsync(IReadOnlyList<NodeRef> nodes, WalkDirection direction, CancellationToken cancellationToken)
    {
        var result = new List<Adjacency>();
        var runs = nodes.Where(n => n.Kind == NodeKind.Run).Select(n => n.Id).ToList();
        var versions = nodes.Where(n => n.Kind == NodeKind.Artifact).Select(n => n.Id).ToList();

        if (runs.Count > 0)
        {
            // Downstream of a run: what it logged. Upstream: what it used.
            var table = direction == WalkDirection.Downstream ? "logged_edges" : "used_edges";
            var sql = _withScopes
                ? $"SELECT e.run_id, e.version_id, a.type, p.namespace_id FROM {table} e JOIN artifact_versions v ON v.id = e.version_id JOIN artifacts a ON a.id = v.artifact_id JOIN projects p ON p.id = a.project_id WHERE e.run_id IN (SELECT value FROM json_each($ids))"
                : $"SELECT e.run_id, e.version_id, NULL, 0 FROM {table} e WHERE e.run_id IN (SELECT value FROM json_each($ids))";
            result.AddRange(await _session.QueryAsync(
                sql,
                r => new Adjacency(NodeRef.Run(r.GetInt64(0)), NodeRef.Version(r.GetInt64(1)), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(3)),
                cancellationToken,
                ("$ids", Rows.Ids(runs))).ConfigureAwait(false));
        }

        if (versions.Count > 0)
        {
            // Downstream of a version: the runs that used it. Upstream: the runs that logged it.
            var table = direction == WalkDirection.Downstream ? "used_edges" : "logged_edges";
            var sql = _withScopes
                ? $"SELECT e.version_id, e.run_id, r.job_type, p.namespace_id FROM {table} e JOIN runs r ON r.id = e.run_id JOIN projects p ON p.id = r.project_id WHERE e.version_id IN (SELECT value FROM json_each($ids))"
                : $"SELECT e.version_id, e.run_id, NULL, 0 FROM {table} e WHERE e.version_id IN (SELECT value FROM json_each($ids))";
            result.AddRange(await _session.QueryAsync(
                sql,
                r => new Adjacency(NodeRef.Version(r.GetInt64(0)), NodeRef.Run(r.GetInt64(1)), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(3)),
                cancellationToken,
                ("$ids", Rows.Ids(versions))).ConfigureAwait(false));
        }

        return result;
    }
}
