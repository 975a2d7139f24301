using Lineage.Model;
using Lineage.Names;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    private static async Task<RunRecord?> FindRunAsync(Neo4jSession s, RunPath path, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("runs/by-path", cancellationToken, ("path", path.ToString())).ConfigureAwait(false);
        return row is null ? null : Records.Run(row["run"]);
    }

    private static async Task<ProjectRecord?> FindProjectAsync(Neo4jSession s, ProjectPath path, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("projects/by-path", cancellationToken, ("path", path.ToString())).ConfigureAwait(false);
        return row is null ? null : Records.Project(row["project"]);
    }

    private static Task<List<RunRecord>> LoadRunsAsync(Neo4jSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("runs/load", r => Records.Run(r["run"]), cancellationToken, ("ids", ids.ToArray()));

    private static string FormatState(RunState state) => state.ToString().ToUpperInvariant();
}
