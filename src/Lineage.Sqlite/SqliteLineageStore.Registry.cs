using Lineage.Application;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
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

    public Task<CollectionRecord> CreateCollectionAsync(CreateCollectionCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        RegistryRules.CheckCreateCollection(command);

        return _database.WriteAsync(async s =>
        {
            var registry = await RequireRegistryAsync(s, command.Registry.ToString(), actor.Access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var path = $"{registry.Path}/{command.Name}";
            if (await s.ScalarAsync<long?>(
                "SELECT id FROM collections WHERE registry_id = $g AND name = $n",
                cancellationToken, ("$g", registry.Id), ("$n", command.Name)).ConfigureAwait(false) is not null)
            {
                throw RegistryRules.CollectionExists(path);
            }

            var id = await s.ScalarAsync<long>(
                """
                INSERT INTO collections (registry_id, name, type, description, created_at, created_by)
                VALUES ($g, $n, $t, $d, $at, $by) RETURNING id
                """,
                cancellationToken,
                ("$g", registry.Id),
                ("$n", command.Name),
                ("$t", command.Type),
                ("$d", command.Description),
                ("$at", Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
            return (await LoadCollectionsAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<VersionRecord> LinkArtifactAsync(LinkArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var aliases = command.Aliases;
        return _database.WriteAsync(async s =>
        {
            var (collection, registry) = await RequireCollectionAsync(s, command.Collection, actor.Access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            foreach (var alias in aliases.Where(registry.IsProtected))
            {
                RegistryRules.RequireProtectedAliasRole(actor.Access, registry, alias);
            }

            // A linked version stands for its source: linking it links the source.
            var named = await LineageWrites.RequireVersionAsync(
                SessionOf(s), command.Artifact, actor.Access, Permission.ReadNamespace, Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false);
            var source = named.Link is null ? named : await LoadVersionAsync(s, named.Id, cancellationToken).ConfigureAwait(false);
            RegistryRules.RequireType(collection, source, command.Artifact);

            var existing = (await s.QueryAsync(
                "SELECT id, link_index FROM collection_links WHERE collection_id = $c AND source_version_id = $v",
                r => (Id: r.GetInt64(0), Index: r.GetInt32(1)),
                cancellationToken, ("$c", collection.Id), ("$v", source.Id)).ConfigureAwait(false)).FirstOrDefault();
            var (linkId, linkIndex) = existing;
            if (existing == default)
            {
                linkIndex = await s.ScalarAsync<int>(
                    "UPDATE collections SET next_index = next_index + 1 WHERE id = $c RETURNING next_index - 1",
                    cancellationToken, ("$c", collection.Id)).ConfigureAwait(false);
                linkId = await s.ScalarAsync<long>(
                    """
                    INSERT INTO collection_links (collection_id, link_index, source_version_id, created_at, created_by)
                    VALUES ($c, $i, $v, $at, $by) RETURNING id
                    """,
                    cancellationToken,
                    ("$c", collection.Id),
                    ("$i", linkIndex),
                    ("$v", source.Id),
                    ("$at", Now()),
                    ("$by", actor.Name)).ConfigureAwait(false);
                await AuditLog.AppendAsync(
                    SessionOf(s), AliasScope.Of(collection), AuditAction.VersionLinked,
                    new AuditSubject(linkId, $"v{linkIndex}", source.QualifiedName, source.NamespaceId), null, actor, cancellationToken).ConfigureAwait(false);
            }

            var holder = new AuditSubject(linkId, $"v{linkIndex}", source.QualifiedName, source.NamespaceId);
            foreach (var alias in aliases)
            {
                await AliasMoves.MoveAsync(SessionOf(s), AliasScope.Of(collection), holder, alias, expectedVersion: null, actor, cancellationToken).ConfigureAwait(false);
            }

            return (await LoadLinksAsync(s, [linkId], cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<bool> UnlinkArtifactAsync(VersionRef linkedVersion, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linkedVersion);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(async s =>
        {
            var version = await LineageWrites.RequireVersionAsync(
                SessionOf(s), linkedVersion, actor.Access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var link = RegistryRules.RequireLink(version, linkedVersion);
            var registry = (await LoadRegistriesAsync(s, [link.RegistryId], cancellationToken).ConfigureAwait(false))[0];
            var held = RegistryRules.RequireUnlinkRole(version, registry, actor.Access);
            var collection = (await LoadCollectionsAsync(s, [link.CollectionId], cancellationToken).ConfigureAwait(false))[0];

            var subject = new AuditSubject(link.Id, version.Version, link.SourceQualifiedName, link.SourceNamespaceId);
            foreach (var alias in held)
            {
                await s.ExecuteAsync(
                    "DELETE FROM link_aliases WHERE collection_id = $c AND alias = $a",
                    cancellationToken, ("$c", collection.Id), ("$a", alias)).ConfigureAwait(false);
                await AuditLog.AppendAsync(SessionOf(s), AliasScope.Of(collection), AuditAction.AliasRemoved, subject, alias, actor, cancellationToken).ConfigureAwait(false);
            }

            await s.ExecuteAsync(
                "DELETE FROM tags WHERE target_kind = 'LINK' AND target_id = $l", cancellationToken, ("$l", link.Id)).ConfigureAwait(false);
            await s.ExecuteAsync("DELETE FROM collection_links WHERE id = $l", cancellationToken, ("$l", link.Id)).ConfigureAwait(false);
            await AuditLog.AppendAsync(SessionOf(s), AliasScope.Of(collection), AuditAction.VersionUnlinked, subject, null, actor, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> AddTagsAsync(TagsCommand command, Actor actor, CancellationToken cancellationToken) =>
        ChangeTagsAsync(command, actor, add: true, cancellationToken);

    public Task<IReadOnlyList<string>> RemoveTagsAsync(TagsCommand command, Actor actor, CancellationToken cancellationToken) =>
        ChangeTagsAsync(command, actor, add: false, cancellationToken);

    public async Task<CollectionRecord?> FindCollectionAsync(CollectionPath path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(access);
        var found = await _database.ReadAsync(s => FindCollectionAsync(s, path, cancellationToken), cancellationToken).ConfigureAwait(false);
        return found is not null && access.CanSeeRegistry(found.RegistryId) ? found : null;
    }

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

    private Task<IReadOnlyList<string>> ChangeTagsAsync(TagsCommand command, Actor actor, bool add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var tags = RegistryRules.Tags(command);
        return _database.WriteAsync<IReadOnlyList<string>>(async s =>
        {
            var (kind, id, what, history, subject) = await RequireTagTargetAsync(s, command.Target, actor.Access, cancellationToken).ConfigureAwait(false);
            foreach (var tag in tags)
            {
                var changed = await s.ExecuteAsync(
                    add
                        ? "INSERT INTO tags (target_kind, target_id, tag, created_at, created_by) VALUES ($k, $id, $tag, $at, $by) ON CONFLICT DO NOTHING"
                        : "DELETE FROM tags WHERE target_kind = $k AND target_id = $id AND tag = $tag",
                    cancellationToken, ("$k", RegistryRules.TagKind(kind)), ("$id", id), ("$tag", tag), ("$at", Now()), ("$by", actor.Name)).ConfigureAwait(false);
                if (changed > 0)
                {
                    var action = add ? AuditAction.TagAdded : AuditAction.TagRemoved;
                    var entry = (subject?.Entry(action) ?? new AuditEntry(action)) with { Tag = tag };
                    await AppendEventAsync(s, history.Kind, history.TargetId, history.Target, entry, actor, cancellationToken).ConfigureAwait(false);
                }
            }

            var now = await s.QueryAsync(
                "SELECT tag FROM tags WHERE target_kind = $k AND target_id = $id ORDER BY tag",
                r => r.GetString(0),
                cancellationToken, ("$k", RegistryRules.TagKind(kind)), ("$id", id)).ConfigureAwait(false);
            RegistryRules.RequireTagRoom(now.Count, what);

            return now;
        }, cancellationToken);
    }

    /// <summary>
    /// A collection (a path) or a version (a name with ':'), checked for the right to tag it,
    /// with the history its tags are recorded in: its collection's, or its artifact's.
    /// </summary>
    private async Task<(TagTarget Kind, long Id, string What, AliasScope History, AuditSubject? Subject)> RequireTagTargetAsync(
        SqliteSession s, string target, Access access, CancellationToken cancellationToken)
    {
        if (target is not null && VersionRef.LooksLikeVersionName(target))
        {
            var version = await LineageWrites.RequireVersionAsync(
                SessionOf(s), VersionRef.Parse(target, "target"), access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var artifactPath = $"{version.Namespace}/{version.Project}/{version.ArtifactName}";
            return version.Link is { } link
                ? (TagTarget.Link, link.Id, $"'{version.QualifiedName}'",
                    new AliasScope(AuditTargetKind.Collection, link.CollectionId, artifactPath), AliasMoves.Subject(version))
                : (TagTarget.Version, version.Id, $"'{version.QualifiedName}'", AliasScope.OfArtifact(version.ArtifactId, artifactPath), AliasMoves.Subject(version));
        }

        var (collection, _) = await RequireCollectionAsync(
            s, CollectionPath.Parse(target, "target"), access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
        return (TagTarget.Collection, collection.Id, $"collection '{collection.Path}'", AliasScope.Of(collection), null);
    }

    private static async Task<(CollectionRecord Collection, RegistryRecord Registry)> RequireCollectionAsync(
        SqliteSession s, CollectionPath path, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var collection = await FindCollectionAsync(s, path, cancellationToken).ConfigureAwait(false) ?? throw Missing.Collection(path);
        access.RequireRegistry(collection.RegistryId, collection.RegistryPath, permission, Missing.Collection(path).Message);
        var registry = (await LoadRegistriesAsync(s, [collection.RegistryId], cancellationToken).ConfigureAwait(false))[0];
        return (collection, registry);
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
