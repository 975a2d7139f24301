using GraphQL.DataLoader;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>
/// Collects the keys that resolvers ask for while one level of the query is resolved, then
/// fetches them all with one store call when the first result is awaited. Results are cached
/// for the rest of the request, so a key is fetched at most once.
/// </summary>
internal sealed class BatchLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch;
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _results = [];
    private readonly Lock _gate = new();
    private List<TKey> _pending = [];

    public BatchLoader(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    {
        _fetch = fetch;
    }

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(key, out var result))
            {
                result = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _results[key] = result;
                _pending.Add(key);
            }

            return new Pending(this, result.Task);
        }
    }

    public IDataLoaderResult<IReadOnlyList<TValue>> LoadMany(IEnumerable<TKey> keys)
    {
        var each = keys.Select(Load).ToList();
        return new Deferred<IReadOnlyList<TValue>>(async cancellationToken =>
        {
            var values = new List<TValue>(each.Count);
            foreach (var one in each)
            {
                if (await one.GetResultAsync(cancellationToken).ConfigureAwait(false) is { } value)
                {
                    values.Add(value);
                }
            }

            return values;
        });
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<TKey> keys;
        List<TaskCompletionSource<TValue?>> waiting;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            keys = _pending;
            _pending = [];
            waiting = [.. keys.Select(k => _results[k])];
        }

        try
        {
            var found = await _fetch(keys, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < keys.Count; i++)
            {
                waiting[i].TrySetResult(found.TryGetValue(keys[i], out var value) ? value : default);
            }
        }
        catch (Exception e)
        {
            foreach (var result in waiting)
            {
                result.TrySetException(e);
            }
        }
    }

    private sealed class Pending : IDataLoaderResult<TValue?>
    {
        private readonly BatchLoader<TKey, TValue> _loader;
        private readonly Task<TValue?> _task;

        public Pending(BatchLoader<TKey, TValue> loader, Task<TValue?> task)
        {
            _loader = loader;
            _task = task;
        }

        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!_task.IsCompleted)
            {
                await _loader.DispatchAsync(cancellationToken).ConfigureAwait(false);
            }

            return await _task.ConfigureAwait(false);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
