using System.Diagnostics;
using System.Net.Http.Headers;
using Lineage.Identity;
using Lineage.Sqlite;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Reliability;

/// <summary>
/// <c>Lineage.Server backup</c> while the server runs and writes continue, and <c>restore</c> into a
/// fresh data directory: the restored database passes SQLite's integrity check, its audit
/// histories verify, and it holds exactly what the source held (or, taken during writes, a
/// consistent part of it).
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class BackupTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task a_backup_taken_during_writes_restores_into_a_fresh_directory_consistent_and_whole()
    {
        var source = Directory.CreateDirectory(Path.Combine(_root.Path, "source")).FullName;
        await using var server = new ServerProcess(source);
        await server.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminKey);
        var api = new GraphQLClient(http);
        await api.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""");

        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++, Interlocked.Increment(ref written))
            {
                await api.DataAsync(
                    "mutation ($p: String!, $n: String!, $r: String!, $d: String!) { createRun(input: { project: $p, name: $n }) { path } logArtifact(input: { run: $r, name: \"model\", type: \"model\", digest: $d, aliases: [\"newest\"] }) { name } }",
                    new { p = "acme/backup", n = $"r{i}", r = $"acme/backup/r{i}", d = $"sha256:{i}" });
            }
        }, Ct);
        while (Volatile.Read(ref written) < 50)
        {
            await Task.Delay(20, Ct);
        }

        var duringWrites = Path.Combine(_root.Path, "during.db");
        var (code, output) = await RunAsync(source, "backup", duringWrites);
        Assert.True(code == 0, output);
        Assert.Contains("integrity check ok", output, StringComparison.Ordinal);
        var afterBackup = Volatile.Read(ref written);
        while (Volatile.Read(ref written) < afterBackup + 20)
        {
            await Task.Delay(20, Ct);
        }

        await stop.CancelAsync();
        await writer;
        await server.KillAsync();

        // A backup of the resting database holds exactly what the source holds.
        var atRest = Path.Combine(_root.Path, "rest.db");
        (code, output) = await RunAsync(source, "backup", atRest);
        Assert.True(code == 0, output);
        var restored = Directory.CreateDirectory(Path.Combine(_root.Path, "restored")).FullName;
        (code, output) = await RunAsync(restored, "restore", atRest);
        Assert.True(code == 0, output);
        var sourceRows = Rows(server.DatabasePath);
        Assert.Equal(sourceRows, Rows(Path.Combine(restored, "lineage.db")));
        Assert.True(sourceRows["runs"].Count >= 70, $"the writer made only {sourceRows["runs"].Count} runs");

        // The one taken during writes is a consistent earlier state: every row it holds is in the source.
        var early = Directory.CreateDirectory(Path.Combine(_root.Path, "early")).FullName;
        (code, output) = await RunAsync(early, "restore", duringWrites);
        Assert.True(code == 0, output);
        var earlyRows = Rows(Path.Combine(early, "lineage.db"));
        foreach (var (table, rows) in earlyRows.Where(t => t.Key is not ("audit_chains" or "version_aliases")))
        {
            Assert.True(rows.IsSubsetOf(sourceRows[table]), $"{table} holds rows the source never had");
        }

        Assert.InRange(earlyRows["runs"].Count, 50, sourceRows["runs"].Count - 20);

        // Both restored databases serve, and their histories verify.
        foreach (var directory in new[] { restored, early })
        {
            using var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = directory });
            await database.MigrateAsync(Ct);
            var store = new SqliteLineageStore(database, TimeProvider.System);
            var verified = await store.Registries().VerifyAuditHistoryAsync("acme/backup/model", Access.Administrator, Ct);
            Assert.True(verified.Ok, verified.Problem);
            Assert.True(verified.EventsChecked > 0);
        }
    }

    [Fact]
    public async Task backup_never_overwrites_and_restore_never_replaces_a_database()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root.Path, "data")).FullName;
        using (var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = data }))
        {
            await database.MigrateAsync(Ct);
        }

        var file = Path.Combine(_root.Path, "b.db");
        var (code, output) = await RunAsync(data, "backup", file);
        Assert.True(code == 0, output);
        var written = File.GetLastWriteTimeUtc(file);

        (code, output) = await RunAsync(data, "backup", file);
        Assert.Equal(1, code);
        Assert.Contains("never overwrites", output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));

        (code, output) = await RunAsync(data, "restore", file);
        Assert.Equal(1, code);
        Assert.Contains("restore into a data directory without a database", output, StringComparison.Ordinal);

        (code, output) = await RunAsync(data, "restore", Path.Combine(_root.Path, "missing.db"));
        Assert.Equal(1, code);
        Assert.Contains("there is no backup", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the server binary's backup or restore command against a data directory.</summary>
    private static async Task<(int Code, string Output)> RunAsync(string dataDirectory, string command, string file)
    {
        var start = new ProcessStartInfo("dotnet", [ServerProcess.Assembly(), command, file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LINEAGE_DATA_DIR"] = dataDirectory;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct) + await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, output);
    }

    /// <summary>Every table's rows, each row as one string, for comparing two databases.</summary>
    private static Dictionary<string, HashSet<string>> Rows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            // The search index's own storage (name_search_data, _idx, ...) is rewritten in place;
            // what it indexes is compared through the name_search table itself.
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'name\\_search\\_%' ESCAPE '\\' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new Dictionary<string, HashSet<string>>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                set.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(reader.GetValue(i) is byte[] b ? Convert.ToBase64String(b) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)))));
            }

            rows[table] = set;
        }

        return rows;
    }
}
