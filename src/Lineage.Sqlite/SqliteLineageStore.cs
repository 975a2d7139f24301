using Lineage.Store;

namespace Lineage.Sqlite;

/// <summary>The embedded store: one SQLite file, WAL, every write one IMMEDIATE transaction.</summary>
public sealed partial class SqliteLineageStore : ILineageStore, IAtomicWorkSource
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

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

    private string Now() => Time.Format(_time.GetUtcNow());
}
