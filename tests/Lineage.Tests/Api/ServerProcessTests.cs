using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Lineage.Identity;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>The server as a newcomer runs it: its own process, a fresh data directory, HTTP on loopback.</summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed partial class ServerProcessTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    private static string ServerAssembly() => Reliability.ServerProcess.Assembly();

    [GeneratedRegex(@"^\s+(lin_[a-z0-9]{12}_[A-Za-z0-9]{40})$")]
    private static partial Regex PrintedKey();

    /// <summary>The server's home directory: it must write nothing there, only in its data directory.</summary>
    private string Home => Directory.CreateDirectory(Path.Combine(_data.Path, "home")).FullName;

    private Process Start(string dataDirectory, string? adminKey = null)
    {
        var start = new ProcessStartInfo("dotnet", [ServerAssembly(), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data.Path,
        };
        start.Environment["LINEAGE_DATA_DIR"] = dataDirectory;
        start.Environment["HOME"] = Home;
        start.Environment.Remove("LINEAGE_ADMIN_KEY");
        if (adminKey is not null)
        {
            start.Environment["LINEAGE_ADMIN_KEY"] = adminKey;
        }

        return Process.Start(start)!;
    }

    private static async Task StopAsync(Process server)
    {
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task the_first_start_prints_the_administrator_key_once_and_keeps_an_owner_only_copy()
    {
        var dataDirectory = Path.Combine(_data.Path, "fresh");
        string key;
        using (var server = Start(dataDirectory))
        {
            try
            {
                var (url, output) = await WaitForAddressAsync(server);
                key = PrintedKey().Match(Assert.Single(output, l => PrintedKey().IsMatch(l))).Groups[1].Value;
                var keyFile = Path.Combine(dataDirectory, "admin-key");
                Assert.Equal(key, (await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken)).Trim());
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
                }

                using var http = new HttpClient { BaseAddress = new Uri(url) };
                using var anonymous = await http.PostAsJsonAsync("/graphql", new { query = "{ viewer { name } }" }, TestContext.Current.CancellationToken);
                Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);

                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                using var organization = await http.PostAsJsonAsync("/graphql", new
                {
                    query = """mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""",
                }, TestContext.Current.CancellationToken);
                organization.EnsureSuccessStatusCode();
                using var created = await http.PostAsJsonAsync("/graphql", new
                {
                    query = """mutation { createRun(input: { project: "acme/zoo", name: "first" }) { path createdBy } }""",
                }, TestContext.Current.CancellationToken);
                var body = await GraphQLResponse.ReadAsync(created);
                Assert.Equal("acme/zoo/first", body.Data.Str("createRun.path"));
                Assert.Equal("admin", body.Data.Str("createRun.createdBy"));
                Assert.True(File.Exists(Path.Combine(dataDirectory, "lineage.db")));
            }
            finally
            {
                await StopAsync(server);
            }
        }

        Assert.False(Directory.Exists(Path.Combine(Home, ".aspnet")), "the server wrote keys of its own into the home directory");

        // A restart on the same data directory neither makes nor prints another key.
        using var again = Start(dataDirectory);
        try
        {
            var (url, output) = await WaitForAddressAsync(again);
            Assert.DoesNotContain(output, l => l.Contains("lin_", StringComparison.Ordinal));
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var viewer = await http.PostAsJsonAsync("/graphql", new { query = "{ viewer { name isAdministrator } }" }, TestContext.Current.CancellationToken);
            var body = await GraphQLResponse.ReadAsync(viewer);
            Assert.Equal("admin", body.Data.Str("viewer.name"));
        }
        finally
        {
            await StopAsync(again);
        }
    }

    [Fact]
    public async Task the_environment_key_is_the_administrator_key_and_a_malformed_one_stops_the_start()
    {
        var key = ApiKeyToken.Generate().Reveal();
        var dataDirectory = Path.Combine(_data.Path, "env");
        using (var server = Start(dataDirectory, key))
        {
            try
            {
                var (url, output) = await WaitForAddressAsync(server);
                Assert.DoesNotContain(output, l => l.Contains("lin_", StringComparison.Ordinal));
                Assert.False(File.Exists(Path.Combine(dataDirectory, "admin-key")));
                using var http = new HttpClient { BaseAddress = new Uri(url) };
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                using var viewer = await http.PostAsJsonAsync("/graphql", new { query = "{ viewer { name isAdministrator } }" }, TestContext.Current.CancellationToken);
                var body = await GraphQLResponse.ReadAsync(viewer);
                Assert.True(body.Data.At("viewer.isAdministrator").GetBoolean());
            }
            finally
            {
                await StopAsync(server);
            }
        }

        using var refused = Start(Path.Combine(_data.Path, "bad"), "changeme");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => WaitForAddressAsync(refused));
        Assert.Contains("LINEAGE_ADMIN_KEY is not a Lineage API key", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("changeme", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The address the server listens on, and what it printed until then.</summary>
    private static async Task<(string Url, List<string> Output)> WaitForAddressAsync(Process server)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                return (match.Groups[1].Value, seen);
            }
        }

        var errors = await server.StandardError.ReadToEndAsync(timeout.Token);
        throw new InvalidOperationException($"the server stopped before listening:\n{string.Join('\n', seen)}\n{errors}");
    }
}
