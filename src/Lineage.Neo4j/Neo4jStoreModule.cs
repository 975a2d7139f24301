using Lineage.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Neo4j;

/// <summary>
/// A Neo4j server, selected by <c>LINEAGE_STORE=neo4j</c> and reached over its Query API
/// (LINEAGE_NEO4J_URL, _USER, _PASSWORD or _TOKEN, _DATABASE). Backups are the server's own
/// (<c>neo4j-admin database dump</c>), so it offers no commands here.
/// </summary>
public sealed class Neo4jStoreModule : IStoreModule
{
    public string Name => "neo4j";

    public IReadOnlyList<string> Commands { get; } = [];

    public void Register(IServiceCollection services, Func<string, string?> setting) =>
        services.AddLineageNeo4j(Neo4jStoreOptions.FromSettings(setting));

    public async Task<int> RunCommandAsync(IReadOnlyList<string> args, Func<string, string?> setting, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        await error.WriteLineAsync($"the neo4j store has no command '{args.FirstOrDefault()}': back it up with Neo4j's own tools (neo4j-admin database dump)").ConfigureAwait(false);
        return 2;
    }
}
