using Microsoft.Data.Sqlite;

namespace Lineage.Bench.Baselines;

/// <summary>
/// The straightforward approach, as services that keep lineage in a relational database take
/// it: each question is one recursive CTE over the edge tables, with names joined at the end.
/// Node kinds: 0 is an artifact version, 1 a run.
/// </summary>
public sealed class CteBaseline : IDisposable
{
    private const string Names = """
        SELECT w.kind, w.id, CASE w.kind WHEN 1 THEN r.name ELSE a.name || ':v' || v.version_index END
        FROM w
        LEFT JOIN runs r ON w.kind = 1 AND r.id = w.id
        LEFT JOIN artifact_versions v ON w.kind = 0 AND v.id = w.id
        LEFT JOIN artifacts a ON a.id = v.artifact_id
        """;

    private readonly SqliteConnection _connection;

    public CteBaseline(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        _connection.Open();
    }

    /// <summary>The first page of runs that used a version.</summary>
    public List<(int Kind, long Id, string Name)> UsedBy(long versionId, int first) => Query(
        "SELECT 1, r.id, r.name FROM used_edges u JOIN runs r ON r.id = u.run_id WHERE u.version_id = $start ORDER BY u.seq LIMIT $first",
        versionId,
        ("$first", first));

    /// <summary>Every node within <paramref name="depth"/> hops upstream and downstream of a version.</summary>
    public List<(int Kind, long Id, string Name)> Neighbourhood(long versionId, int depth) => Query(
        $"""
        WITH RECURSIVE
          down(kind, id, hops) AS (
            SELECT 0, $start, 0
            UNION SELECT 1, u.run_id, d.hops + 1 FROM down d JOIN used_edges u ON d.kind = 0 AND u.version_id = d.id WHERE d.hops < $depth
            UNION SELECT 0, l.version_id, d.hops + 1 FROM down d JOIN logged_edges l ON d.kind = 1 AND l.run_id = d.id WHERE d.hops < $depth),
          up(kind, id, hops) AS (
            SELECT 0, $start, 0
            UNION SELECT 1, l.run_id, p.hops + 1 FROM up p JOIN logged_edges l ON p.kind = 0 AND l.version_id = p.id WHERE p.hops < $depth
            UNION SELECT 0, u.version_id, p.hops + 1 FROM up p JOIN used_edges u ON p.kind = 1 AND u.run_id = p.id WHERE p.hops < $depth),
          w(kind, id) AS (SELECT kind, id FROM down UNION SELECT kind, id FROM up)
        {Names}
        """,
        versionId,
        ("$depth", depth));

    /// <summary>Everything downstream of a version.</summary>
    public List<(int Kind, long Id, string Name)> Downstream(long versionId) => Query(
        $"""
        WITH RECURSIVE w(kind, id) AS (
          SELECT 0, $start
          UNION SELECT 1, u.run_id FROM w d JOIN used_edges u ON d.kind = 0 AND u.version_id = d.id
          UNION SELECT 0, l.version_id FROM w d JOIN logged_edges l ON d.kind = 1 AND l.run_id = d.id)
        {Names}
        """,
        versionId);

    /// <summary>Everything upstream of a version.</summary>
    public List<(int Kind, long Id, string Name)> Upstream(long versionId) => Query(
        $"""
        WITH RECURSIVE w(kind, id) AS (
          SELECT 0, $start
          UNION SELECT 1, l.run_id FROM w p JOIN logged_edges l ON p.kind = 0 AND l.version_id = p.id
          UNION SELECT 0, u.version_id FROM w p JOIN used_edges u ON p.kind = 1 AND u.run_id = p.id)
        {Names}
        """,
        versionId);

    public void Dispose() => _connection.Dispose();

    private List<(int Kind, long Id, string Name)> Query(string sql, long start, params (string Name, object Value)[] args)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$start", start);
        foreach (var (name, value) in args)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<(int, long, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return rows;
    }
}
