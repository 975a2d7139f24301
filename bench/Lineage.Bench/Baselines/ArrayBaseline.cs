using Microsoft.Data.Sqlite;

namespace Lineage.Bench.Baselines;

/// <summary>
/// The physical limit: breadth-first search over plain integer adjacency arrays (compressed
/// sparse rows), in this process, with no names, no filters and no access checks. Runs are
/// nodes 1..R, versions R+1..R+V.
/// </summary>
public sealed class ArrayBaseline
{
    private readonly int _runs;
    private readonly int[] _downOffsets;
    private readonly int[] _downTargets;
    private readonly int[] _upOffsets;
    private readonly int[] _upTargets;
    private readonly int[] _seen;
    private readonly int[] _queue;
    private int _stamp;

    public ArrayBaseline(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        _runs = (int)Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM runs");
        var versions = (int)Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM artifact_versions");
        var nodes = _runs + versions + 1;

        // Downstream: version -> runs that used it, run -> versions it logged. Upstream: the reverse.
        var down = new List<(int From, int To)>();
        var up = new List<(int From, int To)>();
        foreach (var (run, version) in Edges(connection, "used_edges"))
        {
            down.Add((Version(version), run));
            up.Add((run, Version(version)));
        }

        foreach (var (run, version) in Edges(connection, "logged_edges"))
        {
            down.Add((run, Version(version)));
            up.Add((Version(version), run));
        }

        (_downOffsets, _downTargets) = Compress(down, nodes);
        (_upOffsets, _upTargets) = Compress(up, nodes);
        _seen = new int[nodes];
        _queue = new int[nodes];
        EdgeCount = down.Count;
    }

    public long EdgeCount { get; }

    public int Version(long versionId) => _runs + (int)versionId;

    public (int Kind, long Id) Describe(int node) => node > _runs ? (0, node - _runs) : (1, node);

    /// <summary>The first <paramref name="count"/> neighbours of a node, as a first page is.</summary>
    public int[] FirstNeighbours(int node, bool downstream, int count)
    {
        var (offsets, targets) = downstream ? (_downOffsets, _downTargets) : (_upOffsets, _upTargets);
        return targets.AsSpan(offsets[node], Math.Min(count, offsets[node + 1] - offsets[node])).ToArray();
    }

    /// <summary>The nodes reached from <paramref name="start"/> within <paramref name="depth"/> hops, start included.</summary>
    public List<int> Walk(int start, bool downstream, int depth)
    {
        var (offsets, targets) = downstream ? (_downOffsets, _downTargets) : (_upOffsets, _upTargets);
        var stamp = ++_stamp;
        var head = 0;
        var tail = 0;
        _queue[tail++] = start;
        _seen[start] = stamp;
        for (var hop = 0; hop < depth && head < tail; hop++)
        {
            var levelEnd = tail;
            while (head < levelEnd)
            {
                var node = _queue[head++];
                for (var e = offsets[node]; e < offsets[node + 1]; e++)
                {
                    var next = targets[e];
                    if (_seen[next] != stamp)
                    {
                        _seen[next] = stamp;
                        _queue[tail++] = next;
                    }
                }
            }
        }

        return [.. _queue.AsSpan(0, tail)];
    }

    private static (int[] Offsets, int[] Targets) Compress(List<(int From, int To)> edges, int nodes)
    {
        var offsets = new int[nodes + 1];
        foreach (var (from, _) in edges)
        {
            offsets[from + 1]++;
        }

        for (var i = 0; i < nodes; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var targets = new int[edges.Count];
        var fill = (int[])offsets.Clone();
        foreach (var (from, to) in edges)
        {
            targets[fill[from]++] = to;
        }

        return (offsets, targets);
    }

    private static IEnumerable<(int Run, int Version)> Edges(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT run_id, version_id FROM {table}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt32(0), reader.GetInt32(1));
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
