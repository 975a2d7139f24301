using Lineage.Sqlite;
using Lineage.Store;
using Lineage.Tests.Support;

namespace Lineage.Tests.Store;

/// <summary>The store contract, on a fresh SQLite file per test.</summary>
public sealed class SqliteLineageStoreTests : LineageStoreContract
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override async Task<ILineageStore> OpenEmptyStoreAsync()
    {
        _database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await _database.MigrateAsync(Ct);
        return new SqliteLineageStore(_database, TimeProvider.System);
    }

    public override async ValueTask DisposeAsync()
    {
        _database?.Dispose();
        _directory.Dispose();
        await base.DisposeAsync();
    }
}
