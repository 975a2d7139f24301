using Lineage.Neo4j;
using Lineage.Sqlite;
using Lineage.Store;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Hosting;

/// <summary>
/// Registers the store that <c>LINEAGE_STORE</c> names: <c>sqlite</c> (the default, one file
/// under LINEAGE_DATA_DIR) or <c>neo4j</c> (LINEAGE_NEO4J_URL, _USER, _PASSWORD or _TOKEN, _DATABASE).
/// </summary>
internal static class StoreSelection
{
    public static void AddStore(IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration["LINEAGE_STORE"] is { Length: > 0 } named ? named.Trim().ToLowerInvariant() : "sqlite";
        switch (store)
        {
            case "sqlite":
                AddSqlite(services);
                break;
            case "neo4j":
                AddNeo4j(services, Neo4jOptions(configuration));
                break;
            default:
                throw new InvalidOperationException($"LINEAGE_STORE is '{configuration["LINEAGE_STORE"]}'; it must be 'sqlite' (the default) or 'neo4j'");
        }
    }

    /// <summary>The Neo4j settings from the environment; a missing or malformed URL stops start-up with the reason.</summary>
    public static Neo4jStoreOptions Neo4jOptions(IConfiguration configuration)
    {
        var url = configuration["LINEAGE_NEO4J_URL"];
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException("LINEAGE_STORE=neo4j needs LINEAGE_NEO4J_URL, the server's HTTP address, e.g. http://localhost:7474");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"LINEAGE_NEO4J_URL must be an http:// or https:// address such as http://localhost:7474, not '{url}'");
        }

        return new Neo4jStoreOptions
        {
            Url = uri,
            Database = configuration["LINEAGE_NEO4J_DATABASE"] is { Length: > 0 } database ? database : "neo4j",
            User = configuration["LINEAGE_NEO4J_USER"],
            Password = configuration["LINEAGE_NEO4J_PASSWORD"],
            Token = configuration["LINEAGE_NEO4J_TOKEN"],
        };
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        services.AddSingleton<SqliteLineageStore>();
        services.AddSingleton<ILineageStore>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IIdentityStore>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IRegistryStore>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IAtomicWorkSource>(sp => sp.GetRequiredService<SqliteLineageStore>());

        // Start-up steps run in order: the schema first, then the administrator in it.
        services.AddSingleton<IStartupStep, DatabaseMigrationStep>();
        services.AddSingleton<IStartupStep, IdentityBootstrapStep>();
        services.AddSingleton<IStartupStep, OpaqueIdsStep>();
        services.AddSingleton<IStartupStep, GraphLoadStep>();
    }

    private static void AddNeo4j(IServiceCollection services, Neo4jStoreOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new Neo4jClient(sp.GetRequiredService<Neo4jStoreOptions>()));
        services.AddSingleton<Neo4jLineageStore>();
        services.AddSingleton<ILineageStore>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IIdentityStore>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IRegistryStore>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IAtomicWorkSource>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IStartupStep, Neo4jSchemaStep>();
        services.AddSingleton<IStartupStep, IdentityBootstrapStep>();
        services.AddSingleton<IStartupStep, OpaqueIdsStep>();
    }
}
