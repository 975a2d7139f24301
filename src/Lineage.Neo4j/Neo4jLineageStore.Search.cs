using Lineage.Identity;
using Lineage.Model;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int first, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var needle = SearchRules.Text(text, first);
        return ReadAsync<IReadOnlyList<SearchHit>>(async s =>
        {
            var hits = await s.QueryAsync(
                "search/names",
                r => new SearchHit(
                    r.String("kind") switch
                    {
                        "RUN" => SearchHitKind.Run,
                        "ARTIFACT" => SearchHitKind.Artifact,
                        _ => SearchHitKind.Collection,
                    },
                    r.String("name"),
                    r.String("path"),
                    r.NullableString("type")),
                cancellationToken,
                ("text", needle),
                ("first", first),
                ("visible", access.VisibleNamespaces?.ToArray()),
                ("registries", access.VisibleRegistries?.ToArray())).ConfigureAwait(false);
            return SearchRules.Order(hits, needle, first);
        }, cancellationToken);
    }
}
