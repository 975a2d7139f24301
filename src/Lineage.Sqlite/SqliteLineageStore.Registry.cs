using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore : IRegistryStore
{
    private const string CollectionColumns = "c.*, g.namespace_id, n.name AS namespace, g.name AS registry";
    private const string CollectionJoins = "JOIN registries g ON g.id = c.registry_id JOIN namespaces n ON n.id = g.namespace_id";

    public Task<IReadOnlyList<CollectionRecord>> GetCollectionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        CachedAsync(_collections, ids, LoadCollectionsAsync, c => c.Id, cancellationToken);

    public Task<IReadOnlyList<VersionRecord>> GetLinksAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken) =>
        CachedAsync(_links, linkIds, LoadLinksAsync, v => v.Link!.Id, cancellationToken);

    public Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> GetTagsAsync(TagTarget target, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _database.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<string>>>(async s =>
        {
            var rows = await s.QueryAsync(
                "SELECT target_id, tag FROM tags WHERE target_kind = $k AND target_id IN (SELECT value FROM json_each($ids)) ORDER BY target_id, tag",
                r => (Id: r.GetInt64(0), Tag: r.GetString(1)),
                cancellationToken,
                ("$k", RegistryRules.TagKind(target)),
                ("$ids", Rows.Ids(ids))).ConfigureAwait(false);
            var byId = rows.ToLookup(r => r.Id, r => r.Tag);
            return ids.Distinct().ToDictionary(id => id, id => (IReadOnlyList<string>)[.. byId[id]]);
        }, cancellationToken, oneStatement: true);
    }

    private static async Task<CollectionRecord?> FindCollectionAsync(SqliteSession s, CollectionPath path, CancellationToken cancellationToken) =>
        (await s.RecordsAsync(
            $"SELECT {CollectionColumns} FROM collections c {CollectionJoins} WHERE n.name = $ns AND g.name = $g AND c.name = $c",
            CollectionRecord.Read,
            cancellationToken,
            ("$ns", path.Namespace),
            ("$g", path.Registry),
            ("$c", path.Collection)).ConfigureAwait(false)).FirstOrDefault();

    private static async Task<List<CollectionRecord>> LoadCollectionsAsync(SqliteSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        await s.RecordsAsync(
            $"SELECT {CollectionColumns} FROM json_each($ids) j JOIN collections c ON c.id = j.value {CollectionJoins} ORDER BY j.key",
            CollectionRecord.Read,
            cancellationToken,
            ("$ids", Rows.Ids(ids))).ConfigureAwait(false);

    /// <summary>Linked versions: named after their collection, carrying their source's content and lineage.</summary>
    private static async Task<List<VersionRecord>> LoadLinksAsync(SqliteSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var json = Rows.Ids(ids);
        var links = await s.QueryAsync(
            """
            SELECT l.*, c.registry_id, g.namespace_id, n.name AS namespace, g.name AS registry, c.name AS collection, c.type,
                   l.link_index = (SELECT MAX(x.link_index) FROM collection_links x WHERE x.collection_id = l.collection_id) AS is_latest
            FROM json_each($ids) j
            JOIN collection_links l ON l.id = j.value
            JOIN collections c ON c.id = l.collection_id
            JOIN registries g ON g.id = c.registry_id
            JOIN namespaces n ON n.id = g.namespace_id
            ORDER BY j.key
            """,
            r => (Fields: RowFields.Copy(r), Source: Rows.Long(r, "source_version_id"), IsLatest: Rows.Long(r, "is_latest") != 0),
            cancellationToken,
            ("$ids", json)).ConfigureAwait(false);
        if (links.Count == 0)
        {
            return [];
        }

        var sources = (await LoadVersionsAsync(s, [.. links.Select(l => l.Source).Distinct()], cancellationToken).ConfigureAwait(false)).ToDictionary(v => v.Id);
        var aliases = (await s.QueryAsync(
            "SELECT link_id, alias FROM link_aliases WHERE link_id IN (SELECT value FROM json_each($ids)) ORDER BY alias",
            r => (Link: r.GetInt64(0), Alias: r.GetString(1)),
            cancellationToken,
            ("$ids", json)).ConfigureAwait(false)).ToLookup(a => a.Link, a => a.Alias);

        return [.. links.Select(link => sources[link.Source].LinkedAs(
            link.Fields,
            [.. aliases[link.Fields.Long("id")], .. link.IsLatest ? new[] { NameRules.Latest } : []]))];
    }
}
