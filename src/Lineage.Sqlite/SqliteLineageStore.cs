using Lineage.Audit;
using Lineage.Model;
using Lineage.Registry;
using Lineage.Store;

namespace Lineage.Sqlite;

/// <summary>The embedded store: one SQLite file, WAL, every write one IMMEDIATE transaction.</summary>
public sealed partial class SqliteLineageStore : ILineageStore, IAtomicWorkSource
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    // Records asked for by id lately; what each cache holds is bounded by an estimate of its size.
    private readonly RecordCache<ProjectRecord> _projects = new(p => 256, RecordCacheBytes);
    private readonly RecordCache<RunRecord> _runs = new(r => 256 + (2L * ((r.ConfigJson?.Length ?? 0) + (r.Description?.Length ?? 0))), RecordCacheBytes);
    private readonly RecordCache<ArtifactRecord> _artifacts = new(a => 256, RecordCacheBytes);
    private readonly RecordCache<VersionRecord> _versions = new(VersionSize, RecordCacheBytes);
    private readonly RecordCache<VersionRecord> _links = new(v => 256 + VersionSize(v), RecordCacheBytes);
    private readonly RecordCache<CollectionRecord> _collections = new(c => 256 + (2L * (c.Description?.Length ?? 0)), RecordCacheBytes);

    // Committed audit events, which never change: kept whatever the store's write epoch.
    private readonly RecordCache<AuditEventRecord> _events = new(e => 512 + (2L * (e.Target.Length + e.Actor.Length + (e.Source?.Length ?? 0))), RecordCacheBytes);
    private const long CommittedEvents = -1;

    /// <summary>The most each cache of records read by id holds, by an estimate of their size.</summary>
    public const long RecordCacheBytes = 32L * 1024 * 1024;

    public SqliteLineageStore(SqliteDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _time = time;

        // Every write transaction starts from a current graph, before it writes anything.
        database.WriteBegun = CatchUpAsync;
    }

    /// <summary>Begins a unit in which every store call of the calling flow joins one transaction.</summary>
    public IAtomicWork Begin() => _database.BeginAtomic();

    public SqliteDatabase Database => _database;

    private static long VersionSize(VersionRecord v) =>
        320 + (2L * ((v.MetadataJson?.Length ?? 0) + (v.Description?.Length ?? 0) + v.Aliases.Sum(a => 24 + a.Length)));

    private string Now() => Time.Format(_time.GetUtcNow());
}
