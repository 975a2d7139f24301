using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Lineage.Application;
using Lineage.Identity;
using Lineage.Sqlite;
using Lineage.Store;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Reliability;

/// <summary>
/// The server's start, as an operator meets it: where its data goes and who may read it, what
/// reaches its log, and how it stops when it cannot start: one line naming the file or setting
/// and the problem, never a stack trace, and nothing half-made left behind.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed partial class StartupTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"^\s+(lin_[a-z0-9]{12}_[A-Za-z0-9]{40})$")]
    private static partial Regex PrintedKey();

    [Fact]
    public async Task a_first_start_that_cannot_keep_the_administrator_key_creates_nothing_and_the_next_start_does()
    {
        var data = Path.Combine(_root.Path, "data");
        Directory.CreateDirectory(Path.Combine(data, "admin-key"));

        var failed = await StartAsync(data);

        Assert.Equal(1, failed.ExitCode);
        var line = Assert.Single(failed.Errors);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Assert.Contains(Path.Combine(data, "admin-key"), line, StringComparison.Ordinal);
        Assert.Contains("no administrator was created", line, StringComparison.Ordinal);
        Assert.DoesNotContain(failed.Output, l => PrintedKey().IsMatch(l));
        Assert.Equal(0L, Scalar(Path.Combine(data, "lineage.db"), "SELECT COUNT(*) FROM principals"));
        Assert.Equal(0L, Scalar(Path.Combine(data, "lineage.db"), "SELECT COUNT(*) FROM api_keys"));

        // Once the path is free, the next start makes the administrator and shows its key.
        Directory.Delete(Path.Combine(data, "admin-key"));
        await using var server = await StartAsync(data);
        Assert.Null(server.ExitCode);
        var key = PrintedKey().Match(Assert.Single(server.Output, l => PrintedKey().IsMatch(l))).Groups[1].Value;
        Assert.Equal(key, (await File.ReadAllTextAsync(Path.Combine(data, "admin-key"), Ct)).Trim());
        Assert.Equal("admin", await ViewerAsync(server.Url!, key));
    }

    [Fact]
    public async Task a_malformed_environment_key_stops_the_start_with_one_line_naming_the_setting()
    {
        var failed = await StartAsync(Path.Combine(_root.Path, "data"), new() { ["LINEAGE_ADMIN_KEY"] = "changeme" });

        Assert.Equal(1, failed.ExitCode);
        var line = Assert.Single(failed.Errors);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Assert.Contains("LINEAGE_ADMIN_KEY is not a Lineage API key", line, StringComparison.Ordinal);
        Assert.DoesNotContain("changeme", line, StringComparison.Ordinal);
        Assert.DoesNotContain(failed.Output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task start_up_on_a_damaged_database_stops_with_one_line_naming_the_file()
    {
        // A page of the runs table, which start-up reads into the lineage graph, is overwritten.
        var data = Path.Combine(_root.Path, "damaged-page");
        await SeedAsync(data);
        DatabaseFiles.Corrupt(Path.Combine(data, "lineage.db"), "runs");

        var failed = await StartAsync(data);

        Assert.Equal(1, failed.ExitCode);
        var line = Assert.Single(failed.Errors);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Assert.Contains(Path.Combine(data, "lineage.db"), line, StringComparison.Ordinal);
        Assert.Contains("is damaged", line, StringComparison.Ordinal);
        Assert.Contains("check", line, StringComparison.Ordinal);

        // A file that is not a database at all.
        var garbage = Path.Combine(_root.Path, "garbage");
        Directory.CreateDirectory(garbage);
        await File.WriteAllTextAsync(Path.Combine(garbage, "lineage.db"), new string('x', 8192), Ct);
        failed = await StartAsync(garbage);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("is damaged or is not a Lineage database", Assert.Single(failed.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task start_up_on_a_read_only_file_system_stops_with_one_line_naming_the_file()
    {
        using var disk = Tmpfs.Mount(16 * 1024 * 1024);
        var data = Path.Combine(disk.Path, "data");
        await SeedAsync(data);
        disk.MakeReadOnly();

        var failed = await StartAsync(data, new() { ["LINEAGE_ADMIN_KEY"] = ApiKeyToken.Generate().Reveal() });

        Assert.Equal(1, failed.ExitCode);
        var line = Assert.Single(failed.Errors);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Assert.Contains(data, line, StringComparison.Ordinal);
        Assert.Matches("read-only|cannot be written|cannot be opened|cannot be used", line);
    }

    [Fact]
    public async Task start_up_on_a_full_disk_stops_with_one_line_naming_the_file()
    {
        using var disk = Tmpfs.Mount(96 * 1024);
        var data = Path.Combine(disk.Path, "data");

        var failed = await StartAsync(data);

        Assert.Equal(1, failed.ExitCode);
        var line = Assert.Single(failed.Errors);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Assert.Contains(Path.Combine(data, "lineage.db"), line, StringComparison.Ordinal);
        Assert.Contains("is full", line, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task the_data_directory_the_database_and_its_backups_are_readable_by_their_owner_only()
    {
        var data = Path.Combine(_root.Path, "fresh");
        await using (var server = await StartAsync(data))
        {
            Assert.Equal("admin", await ViewerAsync(server.Url!, (await File.ReadAllTextAsync(Path.Combine(data, "admin-key"), Ct)).Trim()));
            Assert.Equal(OwnerOnlyFiles.DirectoryPermissions, File.GetUnixFileMode(data));
            foreach (var file in new[] { "lineage.db", "lineage.db-wal", "lineage.db-shm", "admin-key" })
            {
                Assert.True(File.Exists(Path.Combine(data, file)), $"{file} is missing");
                Assert.Equal(OwnerOnlyFiles.FilePermissions, File.GetUnixFileMode(Path.Combine(data, file)));
            }

            var backup = Path.Combine(_root.Path, "backup.db");
            var (code, output) = await RunCommandAsync(data, "backup", backup);
            Assert.True(code == 0, output);
            Assert.Equal(OwnerOnlyFiles.FilePermissions, File.GetUnixFileMode(backup));

            var restored = Path.Combine(_root.Path, "restored");
            (code, output) = await RunCommandAsync(restored, "restore", backup);
            Assert.True(code == 0, output);
            Assert.Equal(OwnerOnlyFiles.DirectoryPermissions, File.GetUnixFileMode(restored));
            Assert.Equal(OwnerOnlyFiles.FilePermissions, File.GetUnixFileMode(Path.Combine(restored, "lineage.db")));
        }

        // Files an older version left readable by everyone are narrowed at the next start.
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(data, "lineage.db"), (UnixFileMode)0b110_100_100);
        await using (var again = await StartAsync(data))
        {
            Assert.Null(again.ExitCode);
            Assert.Equal(OwnerOnlyFiles.DirectoryPermissions, File.GetUnixFileMode(data));
            Assert.Equal(OwnerOnlyFiles.FilePermissions, File.GetUnixFileMode(Path.Combine(data, "lineage.db")));
        }
    }

    [Fact]
    public async Task check_says_ok_for_a_sound_database_and_names_the_damage_in_a_broken_one()
    {
        var data = Path.Combine(_root.Path, "checked");
        await SeedAsync(data);

        var (code, output) = await RunCommandAsync(data, "check");
        Assert.True(code == 0, output);
        Assert.Contains("integrity check ok", output, StringComparison.Ordinal);

        DatabaseFiles.Corrupt(Path.Combine(data, "lineage.db"), "runs");
        (code, output) = await RunCommandAsync(data, "check");
        Assert.Equal(1, code);
        Assert.Contains("is damaged", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_key_in_the_address_reaches_no_log_even_when_everything_is_logged()
    {
        var secret = ApiKeyToken.Generate().Reveal();
        await using var server = await StartAsync(Path.Combine(_root.Path, "trace"), new()
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging__Console__LogLevel__Default"] = "Trace",
        });
        using var http = new HttpClient { BaseAddress = new Uri(server.Url!) };

        using (var refused = await http.GetAsync($"/graphql?access_token={secret}&query=%7Bviewer%7Bname%7D%7D", Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var history = await http.GetAsync($"/history?path=acme/zoo/x&api_key={secret}", Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, history.StatusCode);
        }

        // A request so malformed that the web server itself refuses it, with the key in its target.
        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync("127.0.0.1", new Uri(server.Url!).Port, Ct);
            var stream = socket.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET /graphql?access_token={secret} HTTP/1.1\r\nHost: x\r\nbroken header line\r\n\r\n"), Ct);
            await stream.ReadAtLeastAsync(new byte[1024], 1, throwOnEndOfStream: false, Ct);
        }

        await Task.Delay(500, Ct);
        var log = server.Everything();
        Assert.Contains(log, l => l.Contains("GET /graphql answered 401", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains(secret[4..], StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("access_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task by_default_no_request_is_logged_and_settings_are_read_from_beside_the_binaries()
    {
        await using var server = await StartAsync(Path.Combine(_root.Path, "quiet"), clearLogging: true);
        var key = (await File.ReadAllTextAsync(Path.Combine(_root.Path, "quiet", "admin-key"), Ct)).Trim();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("admin", await ViewerAsync(server.Url!, key));
        }

        await Task.Delay(300, Ct);
        var log = server.Everything();
        Assert.DoesNotContain(log, l => l.Contains("/graphql", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("Request starting", StringComparison.Ordinal));

        // The content root, where appsettings.json is read from, is the server's own folder,
        // although the server was started from the data directory's parent.
        var contentRoot = Assert.Single(log, l => l.Contains("Content root path:", StringComparison.Ordinal));
        Assert.EndsWith(Path.TrimEndingDirectorySeparator(Path.GetDirectoryName(ServerProcess.Assembly())!), contentRoot.TrimEnd('/', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task dotnet_run_keeps_the_data_in_the_callers_data_folder_which_git_ignores()
    {
        var caller = Directory.CreateDirectory(Path.Combine(_root.Path, "caller")).FullName;
        var project = Path.Combine(RepositoryRoot.Path, "src", "Lineage.Server");
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", ["run", "--no-build", "-c", configuration, "--project", project, "--", "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = caller,
        };
        start.Environment.Remove("LINEAGE_DATA_DIR");
        start.Environment.Remove("LINEAGE_ADMIN_KEY");
        var strayBefore = Directory.Exists(Path.Combine(project, "data"));
        await using (var server = await StartAsync(start))
        {
            Assert.Null(server.ExitCode);
            Assert.True(File.Exists(Path.Combine(caller, "data", "admin-key")), string.Join('\n', server.Everything()));
            Assert.True(File.Exists(Path.Combine(caller, "data", "lineage.db")));
        }

        Assert.Equal(strayBefore, Directory.Exists(Path.Combine(project, "data")));

        // From the repository root, that is ./data: git ignores it, key and all.
        foreach (var path in new[] { "data/admin-key", "data/lineage.db", "src/Lineage.Server/data/admin-key" })
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["check-ignore", "-q", path]) { WorkingDirectory = RepositoryRoot.Path })!;
            await git.WaitForExitAsync(Ct);
            Assert.True(git.ExitCode == 0, $"git does not ignore {path}");
        }
    }

    /// <summary>A database with a run in it, made by the store directly, as an earlier server would have left it.</summary>
    private static async Task SeedAsync(string data)
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = data });
        await database.MigrateAsync(Ct);
        var store = new SqliteLineageStore(database, TimeProvider.System);
        var admin = await store.Identities().BootstrapAdministratorAsync("admin", ApiKeyToken.Generate(), ApiKeyToken.Generate(), null, Ct);
        var actor = new Model.Actor("admin", Access.Administrator, admin.Administrator.Id, "seed");
        await store.Identities().CreateNamespaceAsync(new CreateNamespaceCommand("acme", NamespaceKind.Organization, null), actor, Ct);
        await new LineageWrites(store).CreateRunAsync(new Model.CreateRunCommand(new global::Lineage.Names.RunPath("acme", "zoo", "r1"), null, null), actor, Ct);
        await using var connection = new SqliteConnection($"Data Source={database.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync(Ct);
    }

    private static long Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<string?> ViewerAsync(string url, string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.PostAsJsonAsync("/graphql", new { query = "{ viewer { name } }" }, Ct);
        return (await GraphQLResponse.ReadAsync(response)).Data.Str("viewer.name");
    }

    private static Task<RunningServer> StartAsync(string data, Dictionary<string, string>? environment = null, bool clearLogging = false)
    {
        var start = new ProcessStartInfo("dotnet", [ServerProcess.Assembly(), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = Path.GetDirectoryName(data)!,
        };
        start.Environment["LINEAGE_DATA_DIR"] = data;
        start.Environment.Remove("LINEAGE_ADMIN_KEY");
        if (clearLogging)
        {
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Logging__", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        return StartAsync(start);
    }

    /// <summary>Starts the server and waits until it listens or exits.</summary>
    private static async Task<RunningServer> StartAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var server = new RunningServer(Process.Start(start)!);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        while (!timeout.IsCancellationRequested)
        {
            if (server.Output.Select(l => ListeningOn().Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                server.Url = match.Groups[1].Value;
                return server;
            }

            if (server.Process.HasExited)
            {
                await server.Process.WaitForExitAsync(Ct);
                server.ExitCode = server.Process.ExitCode;
                return server;
            }

            await Task.Delay(25, Ct);
        }

        throw new TimeoutException("the server neither listened nor exited within 90 s:\n" + string.Join('\n', server.Everything()));
    }

    private static async Task<(int Code, string Output)> RunCommandAsync(string data, params string[] command)
    {
        var start = new ProcessStartInfo("dotnet", [ServerProcess.Assembly(), .. command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LINEAGE_DATA_DIR"] = data;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct) + await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, output);
    }

    /// <summary>A server process and every line it printed, on each stream.</summary>
    private sealed class RunningServer : IAsyncDisposable
    {
        private readonly ConcurrentQueue<string> _output = new();
        private readonly ConcurrentQueue<string> _errors = new();

        public RunningServer(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    _output.Enqueue(e.Data);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 })
                {
                    _errors.Enqueue(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string? Url { get; set; }

        public int? ExitCode { get; set; }

        public IReadOnlyList<string> Output => [.. _output];

        public IReadOnlyList<string> Errors => [.. _errors];

        public IReadOnlyList<string> Everything() => [.. _output, .. _errors];

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }

            Process.Dispose();
        }
    }
}
