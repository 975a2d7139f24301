using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore : IRegistryStore
{
    public Task<IReadOnlyList<CollectionRecord>> GetCollectionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<CollectionRecord>>(async s => await LoadCollectionsAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<VersionRecord>> GetLinksAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<VersionRecord>>(async s => await LoadLinksAsync(s, linkIds, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> GetTagsAsync(TagTarget target, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<string>>>(async s =>
        {
            var rows = await TagsOfAsync(s, target, ids, cancellationToken).ConfigureAwait(false);
            var byId = rows.ToLookup(r => r.Id, r => r.Tag);
            return ids.Distinct().ToDictionary(id => id, id => (IReadOnlyList<string>)[.. byId[id]]);
        }, cancellationToken);
    }

    private static Task<List<(long Id, string Tag)>> TagsOfAsync(Neo4jSession s, TagTarget target, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("tags/of", r => (r.Long("id"), r.String("tag")), cancellationToken, ("kind", RegistryRules.TagKind(target)), ("ids", ids.ToArray()));

    private static async Task<CollectionRecord?> FindCollectionAsync(Neo4jSession s, CollectionPath path, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("collections/by-path", cancellationToken, ("path", path.ToString())).ConfigureAwait(false);
        return row is null ? null : Records.Collection(row["collection"]);
    }

    private static Task<List<CollectionRecord>> LoadCollectionsAsync(Neo4jSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("collections/load", r => Records.Collection(r["collection"]), cancellationToken, ("ids", ids.ToArray()));

    private static Task<List<VersionRecord>> LoadLinksAsync(Neo4jSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("links/load", r => Records.Link(r["link"]), cancellationToken, ("ids", ids.ToArray()));
}
