using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>The server as a newcomer runs it: its own process, a fresh data directory, HTTP on loopback.</summary>
public sealed partial class ServerProcessTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    private static string ServerAssembly()
    {
        // The server is built next to the tests in the same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Path, "src", "Lineage.Server", "bin", configuration, "net10.0", "Lineage.Server.dll");
        Assert.True(File.Exists(path), $"server not built at {path}");
        return path;
    }

    [Fact]
    public async Task the_server_process_creates_its_database_and_serves_graphql()
    {
        var dataDirectory = Path.Combine(_data.Path, "fresh");
        var start = new ProcessStartInfo("dotnet", [ServerAssembly(), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data.Path,
        };
        start.Environment["LINEAGE_DATA_DIR"] = dataDirectory;
        using var server = Process.Start(start)!;
        try
        {
            var url = await WaitForAddressAsync(server);
            using var http = new HttpClient { BaseAddress = new Uri(url) };
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
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<string> WaitForAddressAsync(Process server)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        var errors = await server.StandardError.ReadToEndAsync(timeout.Token);
        throw new InvalidOperationException($"the server stopped before listening:\n{string.Join('\n', seen)}\n{errors}");
    }
}
