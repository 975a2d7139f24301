using Lineage.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Makes the embedded SQLite store the service's store: every store interface, the
    /// application layer's sessions, and its start-up (migrations, then the lineage graph).
    /// </summary>
    public static IServiceCollection AddLineageSqlite(this IServiceCollection services, Func<IServiceProvider, SqliteStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp => new SqliteDatabase(options(sp)));
        services.AddSingleton<SqliteLineageStore>();
        services.AddSingleton<ILineageStore>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IIdentityStore>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IRegistryStore>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IAtomicWorkSource>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IStoreSessionSource>(sp => sp.GetRequiredService<SqliteLineageStore>());
        services.AddSingleton<IStoreStartup>(sp => new SqliteStartup(sp, options(sp)));
        return services;
    }
}
