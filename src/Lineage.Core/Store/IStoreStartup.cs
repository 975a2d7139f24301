namespace Lineage.Store;

/// <summary>
/// What a store does before the server takes requests (its schema, its caches), and how it
/// names its own failures: the server runs it first, knowing nothing of the store behind it.
/// </summary>
public interface IStoreStartup
{
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One line naming the file, address or setting and what is wrong with it, when
    /// <paramref name="exception"/> is this store's failure; otherwise null.
    /// </summary>
    string? Describe(Exception exception);
}
