using GraphQL.DataLoader;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>
/// A connection read in two steps. Its first result is itself, still pending, once the ids of
/// its page are known and wanted from the record loader; the execution strategy then completes
/// every other pending node of the level before asking again, so the records of all the pages
/// on a level are fetched together. The second result is the connection.
/// </summary>
internal abstract class PendingConnection<T> : IDataLoaderResult
{
    private readonly BatchLoader<long, T> _records;
    private readonly PageRequest _request;
    private Page<long>? _page;
    private long[]? _ids;

    protected PendingConnection(BatchLoader<long, T> records, PageRequest request)
    {
        _records = records;
        _request = request;
    }

    /// <summary>The ids of the page, with their cursor keys.</summary>
    protected abstract ValueTask<Page<long>> IdsAsync(CancellationToken cancellationToken);

    /// <summary>How many items the whole list holds.</summary>
    protected abstract IDataLoaderResult<int> Count();

    /// <summary>
    /// Whether the ids of every page read with this one were wanted from the record loader as
    /// their pages were fetched, so that the records can be read at once, with one batch for
    /// them all, without waiting for the level's other pages.
    /// </summary>
    protected virtual bool RecordsWantedWithPages => false;

    public Task<object?> GetResultAsync(CancellationToken cancellationToken = default)
    {
        if (_page is null)
        {
            var ids = IdsAsync(cancellationToken);
            if (!ids.IsCompletedSuccessfully)
            {
                return AwaitIdsAsync(ids, cancellationToken);
            }

            var wanted = Wanted(ids.Result);
            if (wanted != this || !RecordsWantedWithPages)
            {
                return Task.FromResult<object?>(wanted);
            }
        }

        return ReadRecords(cancellationToken);
    }

    private Task<object?> ReadRecords(CancellationToken cancellationToken)
    {
        var records = _records.ReadAsync(_ids!, cancellationToken);
        return records.IsCompletedSuccessfully ? Task.FromResult<object?>(Connection(records.Result)) : AwaitRecordsAsync(records);
    }

    private async Task<object?> AwaitIdsAsync(ValueTask<Page<long>> ids, CancellationToken cancellationToken)
    {
        var wanted = Wanted(await ids.ConfigureAwait(false));
        return wanted != this || !RecordsWantedWithPages ? wanted : await ReadRecords(cancellationToken).ConfigureAwait(false);
    }

    private async Task<object?> AwaitRecordsAsync(ValueTask<T?[]> records) => Connection(await records.ConfigureAwait(false));

    /// <summary>This, to be asked again for the records once the level's other pages have wanted theirs.</summary>
    private object Wanted(Page<long> page)
    {
        _page = page;
        if (page.Items.Count == 0)
        {
            return Connection([]);
        }

        var ids = new long[page.Items.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = page.Items[i].Value;
        }

        _ids = ids;
        _records.Want(ids);
        return this;
    }

    /// <summary>The page's records with their cursor keys, in the page's order; an item whose record is gone is left out.</summary>
    private Connection<T> Connection(T?[] records)
    {
        var page = _page!;
        var found = 0;
        foreach (var record in records)
        {
            found += record is null ? 0 : 1;
        }

        var nodes = new T[found];
        var keys = new long[found];
        for (int i = 0, j = 0; i < records.Length; i++)
        {
            if (records[i] is { } record)
            {
                nodes[j] = record;
                keys[j++] = page.Items[i].Key;
            }
        }

        return new Connection<T>(nodes, keys, page.HasNextPage, _request.AfterKey > 0, Count);
    }
}
