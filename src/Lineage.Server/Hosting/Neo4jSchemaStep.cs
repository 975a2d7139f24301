using Lineage.Neo4j;

namespace Lineage.Server.Hosting;

/// <summary>Creates Neo4j's missing constraints and indexes before the server takes requests; a second start changes nothing.</summary>
internal sealed class Neo4jSchemaStep : IStartupStep
{
    private readonly Neo4jLineageStore _store;
    private readonly Neo4jStoreOptions _options;
    private readonly ILogger<Neo4jSchemaStep> _logger;

    public Neo4jSchemaStep(Neo4jLineageStore store, Neo4jStoreOptions options, ILogger<Neo4jSchemaStep> logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _store.SetUpSchemaAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Neo4j at {Server}: {Count} constraints and indexes in place", _options, CypherCatalog.Folder("schema").Count);
    }
}
