using Lineage.Neo4j;
using Lineage.Sqlite;
using Lineage.Store;

namespace Lineage.Server.Hosting;

/// <summary>
/// The stores the server can run on, and the one <c>LINEAGE_STORE</c> names: <c>sqlite</c>
/// (the default) or <c>neo4j</c>. Each store registers itself from its own settings and runs its
/// own operator commands; the server runs its start-up before its own steps.
/// </summary>
internal static class StoreSelection
{
    private static readonly IStoreModule[] Modules = [new SqliteStoreModule(), new Neo4jStoreModule()];

    public static void AddStore(IServiceCollection services, IConfiguration configuration)
    {
        Select(name => configuration[name]).Register(services, name => configuration[name]);

        // Then, in order: the administrator, then the key of opaque ids.
        services.AddSingleton<IStartupStep, IdentityBootstrapStep>();
        services.AddSingleton<IStartupStep, OpaqueIdsStep>();
    }

    /// <summary>Whether the command line asks for a store's command (<c>backup</c>, <c>restore</c>, <c>check</c>) rather than the server.</summary>
    public static bool IsCommand(string[] args) => args is [var first, ..] && Modules.Any(m => m.Commands.Contains(first));

    /// <summary>Runs a store command against the store the settings name, found as the server finds it.</summary>
    public static async Task<int> RunCommandAsync(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        try
        {
            return await Select(name => configuration[name]).RunCommandAsync(args, name => configuration[name], output, error).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync($"{args[0]} failed: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static IStoreModule Select(Func<string, string?> setting)
    {
        var named = setting("LINEAGE_STORE") is { Length: > 0 } value ? value.Trim().ToLowerInvariant() : "sqlite";
        return Modules.FirstOrDefault(m => m.Name == named)
            ?? throw new InvalidOperationException(
                $"LINEAGE_STORE is '{setting("LINEAGE_STORE")}'; it must be {string.Join(" or ", Modules.Select((m, i) => i == 0 ? $"'{m.Name}' (the default)" : $"'{m.Name}'"))}");
    }
}
