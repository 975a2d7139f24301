using GraphQL.DataLoader;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>A result computed from other pending results once they are awaited.</summary>
internal sealed class Deferred<T> : IDataLoaderResult<T>
{
    private readonly Func<CancellationToken, Task<T>> _compute;
    private Task<T>? _task;

    public Deferred(Func<CancellationToken, Task<T>> compute)
    {
        _compute = compute;
    }

    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => _task ??= _compute(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken).ConfigureAwait(false);
}
