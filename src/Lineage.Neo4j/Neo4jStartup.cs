using Lineage.Store;
using Microsoft.Extensions.Logging;

namespace Lineage.Neo4j;

/// <summary>Checks the server's version and creates the missing constraints and indexes; a second start changes nothing.</summary>
internal sealed class Neo4jStartup(Neo4jLineageStore store, Neo4jStoreOptions options, ILogger<Neo4jStartup> logger) : IStoreStartup
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.SetUpSchemaAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Neo4j at {Server}: {Count} constraints and indexes in place", options, CypherCatalog.Folder("schema").Count);
    }

    public string? Describe(Exception exception) => exception is Neo4jStoreException ? exception.Message : null;
}
