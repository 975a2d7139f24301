using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lineage.Sqlite;

/// <summary>
/// Records read by id, kept for the reads that ask for them again soon: a dashboard asks for the
/// same runs and versions on every refresh, and a nested query for the same run many times.
/// </summary>
/// <remarks>
/// An entry serves only while the epoch it was read in holds: for runs, versions and the like,
/// while this process has committed no write since it was read (any write may change a run's
/// state or a version's aliases, and which version is <c>latest</c>). It serves, in any case, for
/// at most <see cref="SqliteLineageStore.ExternalWritesVisibleWithin"/>, so what another process
/// commits to the file is seen as soon as the in-memory graph sees it. The cache holds an
/// estimate of at most <c>capacityBytes</c> and starts afresh when it would hold more.
/// </remarks>
internal sealed class RecordCache<T>(Func<T, long> sizeOf, long capacityBytes)
    where T : class
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private long _bytes;

    /// <summary>The record of <paramref name="id"/> if it was read while the store's write epoch was <paramref name="epoch"/>, within the time an entry serves.</summary>
    public bool TryGet(long id, long epoch, out T record)
    {
        if (_entries.TryGetValue(id, out var entry) && entry.Epoch == epoch
            && Stopwatch.GetElapsedTime(entry.ReadAt) < SqliteLineageStore.ExternalWritesVisibleWithin)
        {
            record = entry.Record;
            return true;
        }

        record = null!;
        return false;
    }

    /// <summary>Keeps a record read by a read that began at <paramref name="readAt"/>, when the write epoch was <paramref name="epoch"/>.</summary>
    public void Put(long id, T record, long epoch, long readAt)
    {
        var size = sizeOf(record);
        if (Interlocked.Add(ref _bytes, size) > capacityBytes)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _bytes, size);
        }

        _entries[id] = new Entry(record, epoch, readAt);
    }

    private sealed record Entry(T Record, long Epoch, long ReadAt);
}
