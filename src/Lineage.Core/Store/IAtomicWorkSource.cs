namespace Lineage.Store;

/// <summary>
/// Makes the store calls of one request one unit: every write and read made in the async flow
/// that called <see cref="Begin"/> joins a single transaction, which
/// <see cref="IAtomicWork.CommitAsync"/> commits and disposing without a commit rolls back. The
/// API runs each mutation document in one, so that it is applied whole or not at all.
/// </summary>
public interface IAtomicWorkSource
{
    /// <summary>
    /// Begins a unit for the calling flow. It is synchronous so that the caller's flow keeps the
    /// unit; nothing is opened in the store until the first write.
    /// </summary>
    IAtomicWork Begin();
}

/// <summary>One unit of <see cref="IAtomicWorkSource.Begin"/>.</summary>
public interface IAtomicWork : IAsyncDisposable
{
    /// <summary>
    /// Commits what the unit wrote (nothing, when it wrote nothing). When it throws, nothing of
    /// the unit was applied.
    /// </summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
