using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;
using Lineage.Store.Rules;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore : IRegistryStore
{
    private const string CollectionColumns = "c.id, c.registry_id, g.namespace_id, n.name, g.name, c.name, c.type, c.description, c.created_at, c.created_by";
    private const string CollectionJoins = "JOIN registries g ON g.id = c.registry_id JOIN namespaces n ON n.id = g.namespace_id";

    public Task<IReadOnlyList<CollectionRecord>> GetCollectionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<CollectionRecord>>(async s => await LoadCollectionsAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<VersionRecord>> GetLinksAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<VersionRecord>>(async s => await LoadLinksAsync(s, linkIds, cancellationToken).ConfigureAwait(false), cancellationToken);

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
        }, cancellationToken);
    }

    private static async Task<CollectionRecord?> FindCollectionAsync(SqliteSession s, CollectionPath path, CancellationToken cancellationToken) =>
        (await s.QueryAsync(
            $"SELECT {CollectionColumns} FROM collections c {CollectionJoins} WHERE n.name = $ns AND g.name = $g AND c.name = $c",
            ReadCollection,
            cancellationToken,
            ("$ns", path.Namespace),
            ("$g", path.Registry),
            ("$c", path.Collection)).ConfigureAwait(false)).FirstOrDefault();

    private static async Task<List<CollectionRecord>> LoadCollectionsAsync(SqliteSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        await s.QueryAsync(
            $"SELECT {CollectionColumns} FROM json_each($ids) j JOIN collections c ON c.id = j.value {CollectionJoins} ORDER BY j.key",
            ReadCollection,
            cancellationToken,
            ("$ids", Rows.Ids(ids))).ConfigureAwait(false);

    private static CollectionRecord ReadCollection(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetInt64(2),
        r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        Time.Parse(r.GetString(8)),
        r.GetString(9));

    /// <summary>Linked versions: named after their collection, carrying their source's content and lineage.</summary>
    private static async Task<List<VersionRecord>> LoadLinksAsync(SqliteSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var json = Rows.Ids(ids);
        var rows = await s.QueryAsync(
            """
            SELECT l.id, l.collection_id, c.registry_id, g.namespace_id, n.name, g.name, c.name, c.type, l.link_index,
                   l.created_at, l.created_by,
                   v.id, v.artifact_id, v.digest, v.metadata, v.size, v.logged_by_run_id,
                   sp.namespace_id, sn.name || '/' || sp.name || '/' || a.name || ':v' || v.version_index,
                   l.link_index = (SELECT MAX(x.link_index) FROM collection_links x WHERE x.collection_id = l.collection_id),
                   v.description
            FROM json_each($ids) j
            JOIN collection_links l ON l.id = j.value
            JOIN collections c ON c.id = l.collection_id
            JOIN registries g ON g.id = c.registry_id
            JOIN namespaces n ON n.id = g.namespace_id
            JOIN artifact_versions v ON v.id = l.source_version_id
            JOIN artifacts a ON a.id = v.artifact_id
            JOIN projects sp ON sp.id = a.project_id
            JOIN namespaces sn ON sn.id = sp.namespace_id
            ORDER BY j.key
            """,
            r => (Record: new VersionRecord(
                    r.GetInt64(11),
                    r.GetInt64(12),
                    r.GetInt64(3),
                    r.GetString(4),
                    r.GetString(5),
                    r.GetString(6),
                    r.GetString(7),
                    r.GetInt32(8),
                    r.GetString(13),
                    r.IsDBNull(14) ? null : r.GetString(14),
                    r.IsDBNull(15) ? null : r.GetInt64(15),
                    Time.Parse(r.GetString(9)),
                    r.GetString(10),
                    r.GetInt64(16),
                    [])
            {
                Link = new LinkRecord(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(17), r.GetString(18)),
                Description = Rows.NullableString(r, "description"),
            },
                IsLatest: r.GetBoolean(19)),
            cancellationToken,
            ("$ids", json)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return [];
        }

        var aliases = (await s.QueryAsync(
            "SELECT link_id, alias FROM link_aliases WHERE link_id IN (SELECT value FROM json_each($ids)) ORDER BY alias",
            r => (Link: r.GetInt64(0), Alias: r.GetString(1)),
            cancellationToken,
            ("$ids", json)).ConfigureAwait(false)).ToLookup(a => a.Link, a => a.Alias);

        return [.. rows.Select(row => row.Record with
        {
            Aliases = [.. aliases[row.Record.Link!.Id], .. row.IsLatest ? new[] { NameRules.Latest } : []],
        })];
    }
}
