using Lineage.Neo4j;
using Lineage.Store;
using Lineage.Tests.Support;

namespace Lineage.Tests.Store;

/// <summary>
/// The store contract on Neo4j: on the server LINEAGE_NEO4J_URL names (with LINEAGE_NEO4J_USER,
/// LINEAGE_NEO4J_PASSWORD and LINEAGE_NEO4J_DATABASE as needed), or else on a throwaway container
/// of <see cref="Image"/> where a Docker engine is reachable. Each test starts from an empty
/// database, so point the URL at a database kept for tests. With neither, every test is reported
/// as skipped, with the reason.
/// </summary>
public abstract class Neo4jLineageStoreContract : LineageStoreContract
{
    private Neo4jClient? _client;

    /// <summary>The image a container is started from when no URL is set.</summary>
    protected abstract string Image { get; }

    protected override async Task<ILineageStore> OpenEmptyStoreAsync()
    {
        var server = await TestNeo4j.ServerAsync(Image);
        if (server.Options is null)
        {
            Assert.Skip(server.Reason!);
        }

        _client = new Neo4jClient(server.Options);
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

/// <summary>The contract on the oldest Neo4j the store supports.</summary>
[Collection(TestNeo4j.Collection)]
public sealed class Neo4jLineageStoreTests : Neo4jLineageStoreContract
{
    protected override string Image => TestNeo4j.Images[0];
}

/// <summary>The contract on a current Neo4j release; skipped when only a URL is given, which the first class already covers.</summary>
public sealed class Neo4jCurrentLineageStoreTests : Neo4jLineageStoreContract
{
    protected override string Image => TestNeo4j.Images[^1];
}
