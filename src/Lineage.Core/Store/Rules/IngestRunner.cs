using Lineage.Errors;
using Lineage.Model;

namespace Lineage.Store.Rules;

/// <summary>Applies an ingest batch's writes in order, inside the store's one transaction.</summary>
public static class IngestRunner
{
    /// <summary>How many writes one ingest batch may hold.</summary>
    public const int MaxBatch = 10_000;

    public static void CheckSize(IReadOnlyList<ILineageWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count > MaxBatch)
        {
            throw new LimitExceededException("ingestBatch", $"a batch holds at most {MaxBatch} writes, not {writes.Count}");
        }
    }

    /// <summary>
    /// Applies each write with the matching function; a refused write becomes a
    /// <see cref="BatchWriteException"/> naming its place. Returns how many runs were created.
    /// </summary>
    public static async Task<int> ApplyAsync(
        IReadOnlyList<ILineageWrite> writes,
        Func<CreateRunCommand, Task> createRun,
        Func<LogArtifactCommand, Task> logArtifact,
        Func<UseArtifactCommand, Task> useArtifact)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(createRun);
        ArgumentNullException.ThrowIfNull(logArtifact);
        ArgumentNullException.ThrowIfNull(useArtifact);
        var runs = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                switch (writes[i])
                {
                    case CreateRunCommand run:
                        await createRun(run).ConfigureAwait(false);
                        runs++;
                        break;
                    case LogArtifactCommand log:
                        await logArtifact(log).ConfigureAwait(false);
                        break;
                    case UseArtifactCommand use:
                        await useArtifact(use).ConfigureAwait(false);
                        break;
                    default:
                        throw new ArgumentException($"write {i} is a {writes[i]?.GetType().Name ?? "null"}, which a batch does not take", nameof(writes));
                }
            }
            catch (LineageException e)
            {
                throw new BatchWriteException(i, writes.Count, e);
            }
        }

        return runs;
    }
}
