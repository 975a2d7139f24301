using Lineage.Neo4j;
using Lineage.Sqlite;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Hosting;

/// <summary>
/// Registers the store that <c>LINEAGE_STORE</c> names: <c>sqlite</c> (the default, one file
/// under LINEAGE_DATA_DIR) or <c>neo4j</c> (LINEAGE_NEO4J_URL, _USER, _PASSWORD or _TOKEN, _DATABASE).
/// Each store registers itself; the server runs its start-up before its own steps.
/// </summary>
internal static class StoreSelection
{
    public static void AddStore(IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration["LINEAGE_STORE"] is { Length: > 0 } named ? named.Trim().ToLowerInvariant() : "sqlite";
        switch (store)
        {
            case "sqlite":
                services.AddLineageSqlite(sp => sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);
                break;
            case "neo4j":
                services.AddLineageNeo4j(Neo4jStoreOptions.FromSettings(name => configuration[name]));
                break;
            default:
                throw new InvalidOperationException($"LINEAGE_STORE is '{configuration["LINEAGE_STORE"]}'; it must be 'sqlite' (the default) or 'neo4j'");
        }

        // Then, in order: the administrator, then the key of opaque ids.
        services.AddSingleton<IStartupStep, IdentityBootstrapStep>();
        services.AddSingleton<IStartupStep, OpaqueIdsStep>();
    }
}
