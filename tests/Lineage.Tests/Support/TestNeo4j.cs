using System.Collections.Concurrent;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Lineage.Neo4j;

namespace Lineage.Tests.Support;

/// <summary>
/// The Neo4j servers tests run on: the one LINEAGE_NEO4J_URL names (with _USER, _PASSWORD,
/// _DATABASE), for the store contract whenever it is set and for the API suite too when
/// LINEAGE_TEST_STORE=neo4j; otherwise, for the store contract, throwaway containers where a
/// Docker engine is reachable. Every test empties the database first: point the URL at one kept
/// for tests.
/// </summary>
internal static class TestNeo4j
{
    private static readonly string[] Names = ["LINEAGE_NEO4J_URL", "LINEAGE_NEO4J_USER", "LINEAGE_NEO4J_PASSWORD", "LINEAGE_NEO4J_DATABASE"];

    /// <summary>The server's options when the API suite runs on Neo4j; otherwise null.</summary>
    public static Neo4jStoreOptions? Options() =>
        string.Equals(Environment.GetEnvironmentVariable("LINEAGE_TEST_STORE"), "neo4j", StringComparison.OrdinalIgnoreCase)
            ? Neo4jStoreOptions.FromSettings(Environment.GetEnvironmentVariable)
            : null;

    /// <summary>The images the store contract runs on where a Docker engine is reachable: the oldest supported release and a current one.</summary>
    public static IReadOnlyList<string> Images =>
        Environment.GetEnvironmentVariable("LINEAGE_NEO4J_IMAGES") is { Length: > 0 } images
            ? images.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : ["neo4j:5.26-community", "neo4j:2025.10-community"];

    /// <summary>The tests that share the first server, and must take turns on it.</summary>
    public const string Collection = "Neo4j server";

    /// <summary>The settings that name <paramref name="options"/>'s server, as LINEAGE_NEO4J_* variables.</summary>
    public static IEnumerable<(string Name, string Value)> Settings(Neo4jStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return ("LINEAGE_NEO4J_URL", options.Url.ToString());
        foreach (var (name, value) in new[] { ("LINEAGE_NEO4J_USER", options.User), ("LINEAGE_NEO4J_PASSWORD", options.Password), ("LINEAGE_NEO4J_TOKEN", options.Token), ("LINEAGE_NEO4J_DATABASE", options.Database) })
        {
            if (value is { Length: > 0 })
            {
                yield return (name, value);
            }
        }
    }

    private static readonly ConcurrentDictionary<string, Lazy<Task<Server>>> Servers = new(StringComparer.Ordinal);

    /// <summary>A server for the store contract, or why there is none.</summary>
    public sealed record Server(Neo4jStoreOptions? Options, string? Reason);

    /// <summary>
    /// The server the store contract runs on: LINEAGE_NEO4J_URL's when it is set; otherwise a
    /// throwaway container of <paramref name="image"/>, with the Query API on, started once per
    /// test run where Testcontainers finds a Docker engine; otherwise none, with the reason.
    /// </summary>
    public static Task<Server> ServerAsync(string image) =>
        Servers.GetOrAdd(image, i => new Lazy<Task<Server>>(() => StartAsync(i))).Value;

    private static async Task<Server> StartAsync(string image)
    {
        if (Environment.GetEnvironmentVariable("LINEAGE_NEO4J_URL") is { Length: > 0 })
        {
            // One named server serves one contract class: two would empty it under each other.
            return image == Images[0]
                ? new Server(Neo4jStoreOptions.FromSettings(Environment.GetEnvironmentVariable), null)
                : new Server(null, $"LINEAGE_NEO4J_URL names one server, which the contract on {Images[0]} runs on; {image} runs in a container where no URL is set");
        }

        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            return new Server(null, $"no Neo4j for {image}: LINEAGE_NEO4J_URL is not set and Testcontainers finds no Docker engine to start one in");
        }

        var password = "lineage-" + Guid.NewGuid().ToString("N")[..16];
        var container = new ContainerBuilder(image)
            .WithEnvironment("NEO4J_AUTH", $"neo4j/{password}")
            .WithEnvironment("NEO4J_server_http__enabled__modules", "TRANSACTIONAL_ENDPOINTS,UNMANAGED_EXTENSIONS,BROWSER,QUERY_API_ENDPOINTS")
            .WithEnvironment("NEO4J_db_lock_acquisition_timeout", "10s")
            .WithEnvironment("NEO4J_db_transaction_timeout", "25s")
            .WithPortBinding(7474, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(7474).ForPath("/")))
            .Build();
        await container.StartAsync().ConfigureAwait(false);
        return new Server(
            new Neo4jStoreOptions
            {
                Url = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(7474)}"),
                User = "neo4j",
                Password = password,
                Database = "neo4j",
            },
            null);
    }

    /// <summary>Empties the test database, and gives the settings that put a server on it.</summary>
    public static IReadOnlyList<(string Name, string Value)> EmptyDatabase()
    {
        var options = Options() ?? throw new InvalidOperationException("LINEAGE_TEST_STORE is not neo4j");
        using (var client = new Neo4jClient(options))
        {
            client.RunAsync(CypherCatalog.Get("maintenance/erase-everything"), [], CancellationToken.None).GetAwaiter().GetResult();
        }

        return
        [
            ("LINEAGE_STORE", "neo4j"),
            .. Names.Where(n => Environment.GetEnvironmentVariable(n) is { Length: > 0 }).Select(n => (n, Environment.GetEnvironmentVariable(n)!)),
        ];
    }
}
