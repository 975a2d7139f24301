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
/// records costs one completion, not a hundred. A key whose batch is done is answered without
/// waiting.
/// </remarks>
internal sealed class BatchLoader<TKey, TValue> : IKeyWanter<TKey>
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

    /// <summary>
    /// The value itself when its key was fetched earlier in the request (a record reached again
    /// through another field), which the execution strategy completes without deferring the
    /// field; otherwise the pending result of <see cref="Load"/>.
    /// </summary>
    public object? LoadOrFound(TKey key)
    {
        lock (_gate)
        {
            var batch = BatchOf(key);
            return batch.Done.Task.IsCompletedSuccessfully ? batch.ValueOf(key) : new Pending(this, batch, key);
        }
    }

    /// <summary>Puts the key, if not yet asked for, in the open batch, to be fetched with it.</summary>
    public void Want(TKey key)
    {
        lock (_gate)
        {
            BatchOf(key);
        }
    }

    /// <summary>Puts the keys not yet asked for in the open batch, to be fetched with it.</summary>
    public void Want(IReadOnlyList<TKey> keys)
    {
        lock (_gate)
        {
            _batches.EnsureCapacity(_batches.Count + keys.Count);
            for (var i = 0; i < keys.Count; i++)
            {
                BatchOf(keys[i]);
            }
        }
    }

    /// <summary>
    /// The values of keys already asked for with <see cref="Want(IReadOnlyList{TKey})"/>, in their order, each null
    /// when it was not found; their batches are fetched first if they are still open.
    /// </summary>
    public ValueTask<TValue?[]> ReadAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        var values = new TValue?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var batch = BatchOfWanted(keys[i]);
            if (!batch.Done.Task.IsCompletedSuccessfully)
            {
                return ReadSlowlyAsync(keys, values, i, cancellationToken);
            }

            values[i] = batch.ValueOf(keys[i]);
        }

        return ValueTask.FromResult(values);
    }

    private async ValueTask<TValue?[]> ReadSlowlyAsync(IReadOnlyList<TKey> keys, TValue?[] values, int from, CancellationToken cancellationToken)
    {
        for (var i = from; i < keys.Count; i++)
        {
            values[i] = await ValueAsync(BatchOfWanted(keys[i]), keys[i], cancellationToken).ConfigureAwait(false);
        }

        return values;
    }

    /// <summary>The value of a key asked for with <see cref="Want(IReadOnlyList{TKey})"/> or <see cref="Load"/>.</summary>
    public ValueTask<TValue?> ReadAsync(TKey key, CancellationToken cancellationToken) =>
        ValueAsync(BatchOfWanted(key), key, cancellationToken);

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

    private Batch BatchOfWanted(TKey key)
    {
        lock (_gate)
        {
            return _batches.TryGetValue(key, out var batch)
                ? batch
                : throw new InvalidOperationException("A key is read before it was asked for.");
        }
    }

    private ValueTask<TValue?> ValueAsync(Batch batch, TKey key, CancellationToken cancellationToken) =>
        batch.Done.Task.IsCompletedSuccessfully ? ValueTask.FromResult(batch.ValueOf(key)) : AwaitValueAsync(batch, key, cancellationToken);

    private async ValueTask<TValue?> AwaitValueAsync(Batch batch, TKey key, CancellationToken cancellationToken)
    {
        if (!batch.Done.Task.IsCompleted)
        {
            await DispatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        await batch.Done.Task.ConfigureAwait(false);
        return batch.ValueOf(key);
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

        public TValue? ValueOf(TKey key) => Found!.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) =>
            loader.ValueAsync(batch, key, cancellationToken).AsTask();

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
        {
            var value = loader.ValueAsync(batch, key, cancellationToken);
            return value.IsCompletedSuccessfully ? Task.FromResult<object?>(value.Result) : BoxAsync(value);
        }

        private static async Task<object?> BoxAsync(ValueTask<TValue?> value) => await value.ConfigureAwait(false);
    }
}

/// <summary>A loader that keys can be wanted from, whatever it loads for them.</summary>
internal interface IKeyWanter<TKey>
{
    void Want(IReadOnlyList<TKey> keys);
}
