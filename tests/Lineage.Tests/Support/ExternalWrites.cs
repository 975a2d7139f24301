using System.Diagnostics;
using Lineage.Sqlite;

namespace Lineage.Tests.Support;

/// <summary>Waiting for a write made behind the server's back to become visible to it.</summary>
public static class ExternalWrites
{
    /// <summary>
    /// Returns once <see cref="SqliteLineageStore.ExternalWritesVisibleWithin"/> has passed since
    /// <paramref name="writtenAt"/> by the clock the server's caches age by; a timer alone can fire
    /// a few milliseconds early.
    /// </summary>
    public static async Task VisibleAsync(long writtenAt, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetElapsedTime(writtenAt) <= SqliteLineageStore.ExternalWritesVisibleWithin)
        {
            await Task.Delay(SqliteLineageStore.ExternalWritesVisibleWithin - Stopwatch.GetElapsedTime(writtenAt) + TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }
}
