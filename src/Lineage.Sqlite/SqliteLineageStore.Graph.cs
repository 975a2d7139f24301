using System.Diagnostics;
using Lineage.Lineage;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    private readonly GraphIndex _graph = new();
    private readonly SemaphoreSlim _catchUpGate = new(1, 1);
    private long _graphEpoch = -1;
    private long _graphCheckedAt;
    private long _cycleChecks;
    private long _cycleCheckTicks;

    /// <summary>How far the file's projects, artifacts, runs, versions and each kind of edge go, in one statement.</summary>
    private static readonly string WatermarkSql =
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM projects), (SELECT COALESCE(MAX(id), 0) FROM artifacts), " +
        "(SELECT COALESCE(MAX(id), 0) FROM runs), (SELECT COALESCE(MAX(id), 0) FROM artifact_versions)" +
        string.Concat(EdgeKinds.All.Select(k => $", (SELECT COALESCE(MAX(seq), 0) FROM {EdgeTable(k.Kind)})"));

    /// <summary>The table of an edge kind's edges: <c>used_edges</c>, <c>logged_edges</c>.</summary>
    private static string EdgeTable(EdgeKind kind) => $"{EdgeKinds.Of(kind).Name}_edges";

    /// <summary>The in-memory lineage graph; current as of the last catch-up.</summary>
    public GraphIndex Graph => _graph;

    /// <summary>How soon lineage reads see writes that other processes make to the same file.</summary>
    public static TimeSpan ExternalWritesVisibleWithin { get; } = TimeSpan.FromSeconds(1);

    /// <summary>How many cycle checks this store has run, and the time they took in all.</summary>
    public (long Checks, TimeSpan Total) CycleCheckCost =>
        (Interlocked.Read(ref _cycleChecks), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _cycleCheckTicks)));

    /// <summary>Loads every committed row the in-memory graph lacks; the graph is otherwise loaded on first use.</summary>
    public Task LoadGraphAsync(CancellationToken cancellationToken) => EnsureGraphCurrentAsync(cancellationToken);

    /// <summary>
    /// Before a read from the in-memory graph: catches up when this process has committed a
    /// write since the last catch-up, and otherwise at most once per
    /// <see cref="ExternalWritesVisibleWithin"/>, for writes by other processes to the same file.
    /// A lineage read therefore usually touches no SQL at all.
    /// </summary>
    private async Task EnsureGraphCurrentAsync(CancellationToken cancellationToken)
    {
        var epoch = _database.WriteEpoch;
        if (epoch == Interlocked.Read(ref _graphEpoch) && Stopwatch.GetElapsedTime(Interlocked.Read(ref _graphCheckedAt)) < ExternalWritesVisibleWithin)
        {
            return;
        }

        await _database.ReadAsync(async s =>
        {
            await CatchUpAsync(s, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

        // The read began after the epoch was taken, so it saw at least those writes.
        Interlocked.Exchange(ref _graphEpoch, epoch);
        Interlocked.Exchange(ref _graphCheckedAt, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// Brings the in-memory graph up to what <paramref name="s"/> sees committed: one statement
    /// when nothing changed, otherwise one more per table that grew. Write transactions run it
    /// when they begin, before they write anything, so the graph never holds rows that might roll back.
    /// </summary>
    private async Task CatchUpAsync(SqliteSession s, CancellationToken cancellationToken)
    {
        // Once per transaction: a write transaction catches up before its first statement, and
        // afterwards would take its own uncommitted rows for others' committed ones.
        if (s.CaughtUp)
        {
            return;
        }

        s.CaughtUp = true;
        var stored = (await s.QueryAsync(
            WatermarkSql,
            r => new GraphWatermark(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), [.. EdgeKinds.All.Select(k => r.GetInt64(4 + (int)k.Kind))]),
            cancellationToken).ConfigureAwait(false))[0];
        if (stored != _graph.Watermark)
        {
            await CatchUpToAsync(s, stored, cancellationToken).ConfigureAwait(false);
        }

        // Inside a write transaction, which holds the database's write lock from its start, the
        // graph is now current, and no other writer can commit before this one: what this one
        // adds is all the graph will lack, and is applied from memory after the commit.
        if (s.IsWrite && _graph.Watermark == stored)
        {
            var added = new GraphDelta();
            s.Added = added;
            s.Committed = () => _graph.Apply(added);
        }
    }

    private async Task CatchUpToAsync(SqliteSession s, GraphWatermark stored, CancellationToken cancellationToken)
    {

        await _catchUpGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var held = _graph.Watermark;
            var delta = new GraphDelta();
            if (stored.Project > held.Project)
            {
                delta.Projects.AddRange(await s.QueryAsync(
                    "SELECT p.id, p.namespace_id, n.name || '/' || p.name FROM projects p JOIN namespaces n ON n.id = p.namespace_id WHERE p.id > $w ORDER BY p.id",
                    r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2)),
                    cancellationToken,
                    ("$w", held.Project)).ConfigureAwait(false));
            }

            if (stored.Artifact > held.Artifact)
            {
                delta.Artifacts.AddRange(await s.QueryAsync(
                    "SELECT id, project_id, name, type FROM artifacts WHERE id > $w ORDER BY id",
                    r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3)),
                    cancellationToken,
                    ("$w", held.Artifact)).ConfigureAwait(false));
            }

            if (stored.Run > held.Run)
            {
                delta.Runs.AddRange(await s.QueryAsync(
                    "SELECT id, project_id, name, job_type FROM runs WHERE id > $w ORDER BY id",
                    r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)),
                    cancellationToken,
                    ("$w", held.Run)).ConfigureAwait(false));
            }

            if (stored.Version > held.Version)
            {
                delta.Versions.AddRange(await s.QueryAsync(
                    "SELECT id, artifact_id, version_index FROM artifact_versions WHERE id > $w ORDER BY id",
                    r => (r.GetInt64(0), r.GetInt64(1), r.GetInt32(2)),
                    cancellationToken,
                    ("$w", held.Version)).ConfigureAwait(false));
            }

            foreach (var kind in EdgeKinds.All.Where(k => stored.Edge(k.Kind) > held.Edge(k.Kind)))
            {
                delta.Edges(kind.Kind).AddRange(await s.QueryAsync(
                    $"SELECT seq, run_id, version_id FROM {EdgeTable(kind.Kind)} WHERE seq > $w ORDER BY seq",
                    r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)),
                    cancellationToken,
                    ("$w", held.Edge(kind.Kind))).ConfigureAwait(false));
            }

            _graph.Apply(delta);
        }
        finally
        {
            _catchUpGate.Release();
        }
    }
}
