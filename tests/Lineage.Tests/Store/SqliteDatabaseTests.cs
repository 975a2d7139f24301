using Lineage.Audit;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Sqlite;
using Lineage.Store;
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
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], await first.AppliedMigrationsAsync(Ct));
        }

        using var reopened = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await reopened.MigrateAsync(Ct);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], await reopened.AppliedMigrationsAsync(Ct));
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
    public async Task reads_on_separate_connections_do_not_take_turns_on_sqlites_allocation_count()
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await database.MigrateAsync(Ct);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => database.ReadPragmaAsync("journal_mode", Ct)));

        // SQLite keeps this count only under its process-wide allocation mutex.
        Assert.Equal(0, SQLitePCL.raw.sqlite3_memory_used());
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
        var bootstrap = await store.Identities().BootstrapAdministratorAsync("admin", null, ApiKeyToken.Generate(), null, Ct);

        Assert.True(bootstrap.Created);
        var run = await store.FindRunAsync(RunPath.Parse("acme/zoo/r1"), Access.Administrator, Ct);
        Assert.Equal("admin", run?.CreatedBy);
        var acme = await store.Identities().FindNamespaceAsync("acme", Access.Administrator, Ct);
        Assert.Equal(NamespaceKind.Organization, acme?.Kind);
        Assert.Equal("", await PragmaAsync(path, "foreign_key_check"));
    }

    [Fact]
    public async Task histories_recorded_before_salted_commitments_still_verify_after_the_upgrade_and_go_on_in_the_new_form()
    {
        // A database as the version before left it: migrations 1 to 6, and a collection's two
        // events hashed in the first canonical form, database id and source in clear.
        var path = Path.Combine(_directory.Path, "lineage.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            var assembly = typeof(SqliteDatabase).Assembly;
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Lineage.Sqlite.Migrations.000", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var version = int.Parse(name["Lineage.Sqlite.Migrations.".Length..][..4], System.Globalization.CultureInfo.InvariantCulture);
                if (version > 6)
                {
                    continue;
                }

                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                await using var migrate = connection.CreateCommand();
                migrate.CommandText = (version == 1 ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n" : "")
                    + await reader.ReadToEndAsync(Ct)
                    + $"\nINSERT INTO schema_migrations VALUES ({version}, 'm{version}', '2026-01-01T00:00:00Z');";
                await migrate.ExecuteNonQueryAsync(Ct);
            }

            var previous = AuditChain.Genesis.ToArray();
            foreach (var (id, action, alias) in new[] { (11L, AuditAction.VersionLinked, (string?)null), (12L, AuditAction.AliasAdded, "staging") })
            {
                var e = new AuditEventRecord(
                    id, AuditTargetKind.Collection, 1, "acme/models/classifier", id - 10, action, new DateTimeOffset(2026, 1, 1, 0, 0, (int)id, TimeSpan.Zero), "admin", [])
                {
                    Format = 1,
                    Version = "v0",
                    Source = "acme/zoo/model:v0",
                    Alias = alias,
                    RequestId = "old-request",
                };
                var hash = AuditChain.Hash(previous, e);
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO audit_events (id, target_kind, target_id, target, position, action, at, actor, version, source, alias, request_id, hash)
                    VALUES ($id, 'COLLECTION', 1, 'acme/models/classifier', $pos, $action, $at, 'admin', 'v0', 'acme/zoo/model:v0', $alias, 'old-request', $hash);
                    INSERT INTO audit_chains (target_kind, target_id, length, head) VALUES ('COLLECTION', 1, $pos, $hash)
                    ON CONFLICT (target_kind, target_id) DO UPDATE SET length = excluded.length, head = excluded.head;
                    """;
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$pos", id - 10);
                insert.Parameters.AddWithValue("$action", AuditChain.ActionName(action));
                insert.Parameters.AddWithValue("$at", AuditChain.FormatTime(e.At));
                insert.Parameters.AddWithValue("$alias", (object?)alias ?? DBNull.Value);
                insert.Parameters.AddWithValue("$hash", hash);
                await insert.ExecuteNonQueryAsync(Ct);
                previous = hash;
            }

            await using var setup = connection.CreateCommand();
            setup.CommandText = """
                INSERT INTO namespaces (id, name, kind, created_at, created_by) VALUES (1, 'acme', 'ORGANIZATION', '2026-01-01T00:00:00Z', 'admin');
                INSERT INTO registries (id, namespace_id, name, visibility, created_at, created_by) VALUES (1, 1, 'models', 'ORGANIZATION', '2026-01-01T00:00:00Z', 'admin');
                INSERT INTO collections (id, registry_id, name, type, created_at, created_by) VALUES (1, 1, 'classifier', 'model', '2026-01-01T00:00:00Z', 'admin');
                """;
            await setup.ExecuteNonQueryAsync(Ct);
        }

        using var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await database.MigrateAsync(Ct);
        var store = new SqliteLineageStore(database, TimeProvider.System);
        var verified = await store.Registries().VerifyAuditHistoryAsync("acme/models/classifier", Access.Administrator, Ct);
        Assert.True(verified.Ok, verified.Problem);
        Assert.Equal(2, verified.EventsChecked);

        // New events join the same chain in the current form, and the whole chain verifies.
        await store.Registries().AddTagsAsync(new TagsCommand("acme/models/classifier", ["kept"]), Actor.System("admin"), Ct);
        var history = await store.Registries().GetHistoryAsync("acme/models/classifier", AuditQuery.All with { OldestFirst = true }, new PageRequest(10), Access.Administrator, Ct);
        Assert.Equal([1, 1, 2], history.Items.Select(i => i.Value.Format));
        verified = await store.Registries().VerifyAuditHistoryAsync("acme/models/classifier", Access.Administrator, Ct);
        Assert.True(verified.Ok, verified.Problem);
        Assert.Equal(3, verified.EventsChecked);
        await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(Ct);
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit_events SET actor = 'mallory'";
            await edit.ExecuteNonQueryAsync(Ct);
        });
    }
}
