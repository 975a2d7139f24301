using Lineage.Lineage;

namespace Lineage.Sqlite;

/// <summary>
/// One level of a walk over the edge tables, following only edges recorded at or before a past
/// time. The in-memory graph holds no times, so a walk into the past reads the tables: one
/// statement per level and direction.
/// </summary>
internal sealed class PastAdjacencyReader(SqliteSession session, DateTimeOffset asOf) : IAdjacencyReader
{
    public async Task<IReadOnlyList<Adjacency>> ReadAsync(IReadOnlyList<NodeRef> nodes, WalkDirection direction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var runs = Rows.Ids(nodes.Where(n => n.Kind == NodeKind.Run).Select(n => n.Id));
        var versions = Rows.Ids(nodes.Where(n => n.Kind == NodeKind.Artifact).Select(n => n.Id));

        // Downstream: version → runs that used it, run → versions it logged. Upstream: the reverse.
        var (fromVersions, fromRuns) = direction == WalkDirection.Downstream ? ("used_edges", "logged_edges") : ("logged_edges", "used_edges");
        var steps = await session.QueryAsync(
            $"""
            SELECT 0, e.version_id, e.run_id, r.job_type, p.namespace_id
            FROM {fromVersions} e JOIN runs r ON r.id = e.run_id JOIN projects p ON p.id = r.project_id
            WHERE e.version_id IN (SELECT value FROM json_each($versions)) AND e.created_at <= $asOf
            UNION ALL
            SELECT 1, e.run_id, e.version_id, a.type, p.namespace_id
            FROM {fromRuns} e JOIN artifact_versions v ON v.id = e.version_id JOIN artifacts a ON a.id = v.artifact_id JOIN projects p ON p.id = a.project_id
            WHERE e.run_id IN (SELECT value FROM json_each($runs)) AND e.created_at <= $asOf
            """,
            r => r.GetInt32(0) == 0
                ? new Adjacency(NodeRef.Version(r.GetInt64(1)), NodeRef.Run(r.GetInt64(2)), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4))
                : new Adjacency(NodeRef.Run(r.GetInt64(1)), NodeRef.Version(r.GetInt64(2)), r.GetString(3), r.GetInt64(4)),
            cancellationToken,
            ("$versions", versions),
            ("$runs", runs),
            ("$asOf", Time.Format(asOf))).ConfigureAwait(false);
        return steps;
    }
}
