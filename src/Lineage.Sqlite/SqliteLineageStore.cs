using Lineage.Store;

namespace Lineage.Sqlite;

/// <summary>The embedded store: one SQLite file, WAL, every write one IMMEDIATE transaction.</summary>
public sealed partial class SqliteLineageStore : ILineageStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteLineageStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public SqliteDatabase Database => _database;

    private string Now() => Time.Format(_time.GetUtcNow());
}
