using Lineage.Errors;
using Lineage.Model;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    /// <summary>How many writes one ingest batch may hold.</summary>
    public const int MaxIngestBatch = 10_000;

    public Task<IngestResult> IngestAsync(IReadOnlyList<ILineageWrite> writes, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(actor);
        if (writes.Count > MaxIngestBatch)
        {
            throw new LimitExceededException("ingestBatch", $"a batch holds at most {MaxIngestBatch} writes, not {writes.Count}");
        }

        return _database.WriteAsync(async s =>
        {
            await CatchUpAsync(s, cancellationToken).ConfigureAwait(false);
            var runs = 0;
            for (var i = 0; i < writes.Count; i++)
            {
                try
                {
                    switch (writes[i])
                    {
                        case CreateRunCommand run:
                            await CreateRunAsync(s, run, actor, cancellationToken).ConfigureAwait(false);
                            runs++;
                            break;
                        case LogArtifactCommand log:
                            await LogArtifactAsync(s, log, actor, cancellationToken).ConfigureAwait(false);
                            break;
                        case UseArtifactCommand use:
                            await UseArtifactAsync(s, use, actor, cancellationToken).ConfigureAwait(false);
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

            return new IngestResult(runs, s.NewVersions, s.PendingEdges.Count);
        }, cancellationToken);
    }
}
