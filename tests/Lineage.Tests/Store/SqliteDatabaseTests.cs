using Lineage.Sqlite;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Store;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private static async Task<string> PragmaAsync(string path, string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task migrations_are_applied_once_and_recorded_by_version()
    {
        using (var first = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path }))
        {
            await first.MigrateAsync(Ct);
            await first.MigrateAsync(Ct);
            Assert.Equal([1], await first.AppliedMigrationsAsync(Ct));
        }

        using var reopened = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await reopened.MigrateAsync(Ct);
        Assert.Equal([1], await reopened.AppliedMigrationsAsync(Ct));
    }

    [Fact]
    public async Task the_database_is_one_file_in_the_data_directory_in_wal_mode()
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = Path.Combine(_directory.Path, "nested", "data") });
        await database.MigrateAsync(Ct);

        Assert.Equal(Path.Combine(_directory.Path, "nested", "data", "lineage.db"), database.DatabasePath);
        Assert.True(File.Exists(database.DatabasePath));
        Assert.Equal("wal", await PragmaAsync(database.DatabasePath, "journal_mode"));
        Assert.Equal("ok", await PragmaAsync(database.DatabasePath, "integrity_check"));
    }
}
