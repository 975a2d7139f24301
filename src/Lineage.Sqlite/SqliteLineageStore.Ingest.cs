using Lineage.Model;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    public Task<IngestResult> IngestAsync(IReadOnlyList<ILineageWrite> writes, Actor actor, CancellationToken cancellationToken)
    {
        IngestRunner.CheckSize(writes);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(async s =>
        {
            var runs = await IngestRunner.ApplyAsync(
                writes,
                run => CreateRunAsync(s, run, actor, cancellationToken),
                log => LogArtifactAsync(s, log, actor, cancellationToken),
                use => UseArtifactAsync(s, use, actor, cancellationToken)).ConfigureAwait(false);
            return new IngestResult(runs, s.NewVersions, s.PendingEdges.Count);
        }, cancellationToken);
    }
}
