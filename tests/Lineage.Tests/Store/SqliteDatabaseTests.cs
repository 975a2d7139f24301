using Lineage.Identity;
using Lineage.Names;
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
            Assert.Equal([1, 2, 3, 4, 5, 6], await first.AppliedMigrationsAsync(Ct));
        }

        using var reopened = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await reopened.MigrateAsync(Ct);
        Assert.Equal([1, 2, 3, 4, 5, 6], await reopened.AppliedMigrationsAsync(Ct));
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

    [Fact]
    public async Task every_connection_the_store_uses_commits_with_synchronous_normal()
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await database.MigrateAsync(Ct);

        // The second read reuses the pooled connection of the first, which keeps the setting.
        Assert.Equal("1", await database.ReadPragmaAsync("synchronous", Ct));
        Assert.Equal("1", await database.ReadPragmaAsync("synchronous", Ct));
        Assert.Equal("2", await PragmaAsync(database.DatabasePath, "synchronous"));
    }

    [Fact]
    public async Task a_database_made_before_identity_keeps_its_lineage_and_gains_an_administrator()
    {
        var path = Path.Combine(_directory.Path, "lineage.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src/Lineage.Sqlite/Migrations/0001_initial.sql"), Ct) + """
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                INSERT INTO schema_migrations VALUES (1, '0001_initial', '2026-01-01T00:00:00Z');
                INSERT INTO namespaces (id, name, created_at, created_by) VALUES (1, 'acme', '2026-01-01T00:00:00Z', 'admin');
                INSERT INTO projects (id, namespace_id, name, created_at, created_by) VALUES (1, 1, 'zoo', '2026-01-01T00:00:00Z', 'admin');
                INSERT INTO runs (project_id, name, state, created_at, created_by) VALUES (1, 'r1', 'RUNNING', '2026-01-01T00:00:00Z', 'admin');
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        using var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await database.MigrateAsync(Ct);
        var store = new SqliteLineageStore(database, TimeProvider.System);
        var bootstrap = await store.BootstrapAdministratorAsync("admin", null, ApiKeyToken.Generate(), null, Ct);

        Assert.True(bootstrap.Created);
        var run = await store.FindRunAsync(RunPath.Parse("acme/zoo/r1"), Access.Administrator, Ct);
        Assert.Equal("admin", run?.CreatedBy);
        var acme = await store.FindNamespaceAsync("acme", Access.Administrator, Ct);
        Assert.Equal(NamespaceKind.Organization, acme?.Kind);
        Assert.Equal("", await PragmaAsync(path, "foreign_key_check"));
    }
}
