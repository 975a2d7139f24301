using Lineage.Neo4j;
using Lineage.Store;

namespace Lineage.Tests.Store;

/// <summary>
/// The store contract on Neo4j, whenever LINEAGE_NEO4J_URL points at a server (with
/// LINEAGE_NEO4J_USER, LINEAGE_NEO4J_PASSWORD and LINEAGE_NEO4J_DATABASE as needed). Each test
/// starts from an empty database, so point it at a database kept for tests. Without the URL
/// every test is reported as skipped, with the reason.
/// </summary>
public sealed class Neo4jLineageStoreTests : LineageStoreContract
{
    public const string SkipReason = "LINEAGE_NEO4J_URL is not set: the Neo4j store contract needs a Neo4j 5.26+ server (docker compose up neo4j)";

    private Neo4jClient? _client;

    public static Neo4jStoreOptions? ConfiguredOptions() =>
        Environment.GetEnvironmentVariable("LINEAGE_NEO4J_URL") is { Length: > 0 } url
            ? new Neo4jStoreOptions
            {
                Url = new Uri(url),
                User = Environment.GetEnvironmentVariable("LINEAGE_NEO4J_USER"),
                Password = Environment.GetEnvironmentVariable("LINEAGE_NEO4J_PASSWORD"),
                Database = Environment.GetEnvironmentVariable("LINEAGE_NEO4J_DATABASE") is { Length: > 0 } db ? db : "neo4j",
            }
            : null;

    protected override async Task<ILineageStore> OpenEmptyStoreAsync()
    {
        var options = ConfiguredOptions();
        if (options is null)
        {
            Assert.Skip(SkipReason);
        }

        _client = new Neo4jClient(options);
        await _client.RunAsync(CypherCatalog.Get("maintenance/erase-everything"), [], Ct);
        var store = new Neo4jLineageStore(_client, TimeProvider.System);
        await store.SetUpSchemaAsync(Ct);
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
    }
}
