using GraphQL.DataLoader;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>
/// Collects the keys that resolvers ask for while one level of the query is resolved, then
/// fetches them all with one store call when the first result is awaited. Results are cached
/// for the rest of the request, so a key is fetched at most once.
/// </summary>
/// <remarks>
/// A key belongs to the batch that was open when it was first asked for; the batch is fetched
/// once, and every result of it is read from what that fetch found, so a page of a hundred
/// records costs one completion, not a hundred.
/// </remarks>
internal sealed class BatchLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch;
    private readonly Dictionary<TKey, Batch> _batches = [];
    private readonly Lock _gate = new();
    private Batch _open = new();

    public BatchLoader(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    {
        _fetch = fetch;
    }

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            return new Pending(this, BatchOf(key), key);
        }
    }

    /// <summary>The values of <paramref name="keys"/>, in their order, each null when it was not found.</summary>
    public IDataLoaderResult<IReadOnlyList<TValue?>> LoadMany(IEnumerable<TKey> keys)
    {
        var each = new List<(TKey Key, Batch Batch)>();
        lock (_gate)
        {
            foreach (var key in keys)
            {
                each.Add((key, BatchOf(key)));
            }
        }

        return new Deferred<IReadOnlyList<TValue?>>(async cancellationToken =>
        {
            var values = new TValue?[each.Count];
            for (var i = 0; i < each.Count; i++)
            {
                var (key, batch) = each[i];
                values[i] = await ValueAsync(batch, key, cancellationToken).ConfigureAwait(false);
            }

            return values;
        });
    }

    private Batch BatchOf(TKey key)
    {
        if (!_batches.TryGetValue(key, out var batch))
        {
            batch = _open;
            batch.Keys.Add(key);
            _batches[key] = batch;
        }

        return batch;
    }

    private async ValueTask<TValue?> ValueAsync(Batch batch, TKey key, CancellationToken cancellationToken)
    {
        if (!batch.Done.Task.IsCompleted)
        {
            await DispatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        await batch.Done.Task.ConfigureAwait(false);
        return batch.Found!.TryGetValue(key, out var value) ? value : default;
    }

    private async Task DispatchAsync(Batch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (batch.Started)
            {
                return;
            }

            batch.Started = true;
            if (ReferenceEquals(batch, _open))
            {
                _open = new Batch();
            }
        }

        try
        {
            batch.Found = await _fetch(batch.Keys, cancellationToken).ConfigureAwait(false);
            batch.Done.TrySetResult();
        }
        catch (Exception e)
        {
            batch.Done.TrySetException(e);
        }
    }

    /// <summary>Keys fetched together, and what their fetch found once it is done.</summary>
    private sealed class Batch
    {
        public List<TKey> Keys { get; } = [];

        public bool Started { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyDictionary<TKey, TValue>? Found { get; set; }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) =>
            loader.ValueAsync(batch, key, cancellationToken).AsTask();

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
