using Lineage.Identity;
using Lineage.Model;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int first, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var needle = SearchRules.Text(text, first);

        // Texts of three characters or more are looked up in the trigram index (migration 0005),
        // once for all three kinds; shorter ones, which the index cannot serve, scan the names.
        // Each kind gives its best `first` hits, in the final order, which is the same as every store's.
        // Names are compared with instr, not LIKE: a LIKE pattern bound as a parameter makes SQLite
        // prepare the statement again each time it runs. CROSS JOIN keeps the hits first, so that
        // a member's search does not start from their namespaces and index the hits to meet them.
        var indexed = needle.Length >= 3;
        var hits = indexed ? "WITH hits AS MATERIALIZED (SELECT kind, ref FROM name_search WHERE name_search MATCH $phrase)" : "";
        string Source(string table, string alias) => indexed ? $"hits h CROSS JOIN {table} {alias} ON {alias}.id = h.ref" : $"{table} {alias}";
        string Matches(int kind, string alias) => indexed ? $"h.kind = {kind}" : $"instr(lower({alias}.name), $needle) > 0";
        return _database.ReadAsync<IReadOnlyList<SearchHit>>(async s =>
        {
            var rows = await s.QueryAsync(
                $"""
                {hits}
                SELECT * FROM (
                    SELECT 0, r.name, n.name || '/' || p.name || '/' || r.name, r.job_type FROM {Source("runs", "r")} {Rows.RunJoins}
                    WHERE {Matches(0, "r")} AND {Rows.Visible(access, "p.namespace_id")}
                    ORDER BY instr(lower(r.name), $needle) <> 1, length(r.name), r.name, 3 {Rows.Limit("$first")})
                UNION ALL
                SELECT * FROM (
                    SELECT 1, a.name, n.name || '/' || p.name || '/' || a.name, a.type FROM {Source("artifacts", "a")} {Rows.ArtifactJoins}
                    WHERE {Matches(1, "a")} AND {Rows.Visible(access, "p.namespace_id")}
                    ORDER BY instr(lower(a.name), $needle) <> 1, length(a.name), a.name, 3 {Rows.Limit("$first")})
                UNION ALL
                SELECT * FROM (
                    SELECT 2, c.name, n.name || '/' || g.name || '/' || c.name, c.type
                    FROM {Source("collections", "c")} JOIN registries g ON g.id = c.registry_id JOIN namespaces n ON n.id = g.namespace_id
                    WHERE {Matches(2, "c")} AND ({(access.IsAdministrator ? "1" : "c.registry_id IN (SELECT value FROM json_each($registries))")})
                    ORDER BY instr(lower(c.name), $needle) <> 1, length(c.name), c.name, 3 {Rows.Limit("$first")})
                """,
                r => new SearchHit((SearchHitKind)r.GetInt32(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)),
                cancellationToken,
                ("$needle", needle),
                ("$phrase", "\"" + needle.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""),
                ("$first", first),
                Rows.VisibleParameter(access),
                ("$registries", Rows.VisibleRegistries(access))).ConfigureAwait(false);
            return SearchRules.Order(rows, needle, first);
        }, cancellationToken, oneStatement: true);
    }
}
