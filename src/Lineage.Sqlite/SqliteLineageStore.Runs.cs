using Lineage.Model;
using Lineage.Names;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    private static async Task<RunRecord?> FindRunAsync(SqliteSession s, RunPath path, CancellationToken cancellationToken)
    {
        var rows = await s.RecordsAsync(
            $"SELECT {Rows.RunColumns} FROM runs r {Rows.RunJoins} WHERE n.name = $ns AND p.name = $p AND r.name = $r",
            RunRecord.Read,
            cancellationToken,
            ("$ns", path.Namespace),
            ("$p", path.Project),
            ("$r", path.Name)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<List<RunRecord>> LoadRunsAsync(SqliteSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        await s.RecordsAsync(
            $"SELECT {Rows.RunColumns} FROM json_each($ids) j JOIN runs r ON r.id = j.value {Rows.RunJoins} ORDER BY j.key",
            RunRecord.Read,
            cancellationToken,
            ("$ids", Rows.Ids(ids))).ConfigureAwait(false);
}
