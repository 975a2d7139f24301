using Lineage.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Neo4j;

public static class Neo4jServiceCollectionExtensions
{
    /// <summary>
    /// Makes a Neo4j server the service's store: every store interface, the application layer's
    /// sessions, and its start-up (the server's version, constraints and indexes).
    /// </summary>
    public static IServiceCollection AddLineageNeo4j(this IServiceCollection services, Neo4jStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new Neo4jClient(sp.GetRequiredService<Neo4jStoreOptions>()));
        services.AddSingleton<Neo4jLineageStore>();
        services.AddSingleton<ILineageStore>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IIdentityStore>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IRegistryStore>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IAtomicWorkSource>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IStoreSessionSource>(sp => sp.GetRequiredService<Neo4jLineageStore>());
        services.AddSingleton<IStoreStartup, Neo4jStartup>();
        return services;
    }
}
