using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Store;

/// <summary>
/// A store as the server sees it: the name <c>LINEAGE_STORE</c> gives it, how it registers
/// itself from its own settings, and the operator commands it offers. The server knows no
/// more of a store than this.
/// </summary>
public interface IStoreModule
{
    /// <summary>The value of <c>LINEAGE_STORE</c> that selects this store: <c>sqlite</c>, <c>neo4j</c>.</summary>
    string Name { get; }

    /// <summary>The commands <see cref="RunCommandAsync"/> takes (first argument), e.g. <c>backup</c>.</summary>
    IReadOnlyList<string> Commands { get; }

    /// <summary>
    /// Registers every store interface, the application layer's sessions and the store's
    /// start-up, reading the store's settings (environment or configuration) through
    /// <paramref name="setting"/>; a missing or malformed setting stops start-up with the reason.
    /// </summary>
    void Register(IServiceCollection services, Func<string, string?> setting);

    /// <summary>Runs an operator command; returns the process's exit code, having said what happened.</summary>
    Task<int> RunCommandAsync(IReadOnlyList<string> args, Func<string, string?> setting, TextWriter output, TextWriter error);
}
