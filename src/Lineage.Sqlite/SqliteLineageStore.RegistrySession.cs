using System.Diagnostics;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store.Rules;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    /// <summary>Collections, links, tags and audit events, as a unit of work sees them.</summary>
    private sealed partial class Session
    {
        public Task<CollectionRecord?> FindCollectionAsync(CollectionPath path, CancellationToken cancellationToken) =>
            SqliteLineageStore.FindCollectionAsync(s, path, cancellationToken);

        public async Task<CollectionRecord> InsertCollectionAsync(
            RegistryRecord registry, CreateCollectionCommand command, Actor actor, CancellationToken cancellationToken)
        {
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
                ("$at", store.Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
            return await LoadCollectionAsync(id, cancellationToken).ConfigureAwait(false);
        }

        public async Task<(long Id, int Index)?> FindLinkAsync(long collectionId, long sourceVersionId, CancellationToken cancellationToken)
        {
            var rows = await s.QueryAsync(
                "SELECT id, link_index FROM collection_links WHERE collection_id = $c AND source_version_id = $v",
                r => (r.GetInt64(r.GetOrdinal("id")), r.GetInt32(r.GetOrdinal("link_index"))),
                cancellationToken, ("$c", collectionId), ("$v", sourceVersionId)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }

        public async Task<(long Id, int Index)> InsertLinkAsync(CollectionRecord collection, long sourceVersionId, Actor actor, CancellationToken cancellationToken)
        {
            var index = await s.ScalarAsync<int>(
                "UPDATE collections SET next_index = next_index + 1 WHERE id = $c RETURNING next_index - 1",
                cancellationToken, ("$c", collection.Id)).ConfigureAwait(false);
            var id = await s.ScalarAsync<long>(
                """
                INSERT INTO collection_links (collection_id, link_index, source_version_id, created_at, created_by)
                VALUES ($c, $i, $v, $at, $by) RETURNING id
                """,
                cancellationToken,
                ("$c", collection.Id),
                ("$i", index),
                ("$v", sourceVersionId),
                ("$at", store.Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
            return (id, index);
        }

        public async Task DeleteLinkAsync(long linkId, CancellationToken cancellationToken)
        {
            await s.ExecuteAsync(
                "DELETE FROM tags WHERE target_kind = $k AND target_id = $l", cancellationToken, ("$k", RegistryRules.TagKind(TagTarget.Link)), ("$l", linkId)).ConfigureAwait(false);
            await s.ExecuteAsync("DELETE FROM collection_links WHERE id = $l", cancellationToken, ("$l", linkId)).ConfigureAwait(false);
        }

        public async Task<IReadOnlySet<string>> AddTagsAsync(TagTarget kind, long targetId, IReadOnlyList<string> tags, Actor actor, CancellationToken cancellationToken)
        {
            var added = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                if (await s.ExecuteAsync(
                    "INSERT INTO tags (target_kind, target_id, tag, created_at, created_by) VALUES ($k, $id, $tag, $at, $by) ON CONFLICT DO NOTHING",
                    cancellationToken, ("$k", RegistryRules.TagKind(kind)), ("$id", targetId), ("$tag", tag), ("$at", store.Now()), ("$by", actor.Name)).ConfigureAwait(false) > 0)
                {
                    added.Add(tag);
                }
            }

            return added;
        }

        public async Task<IReadOnlySet<string>> RemoveTagsAsync(TagTarget kind, long targetId, IReadOnlyList<string> tags, CancellationToken cancellationToken)
        {
            var removed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                if (await s.ExecuteAsync(
                    "DELETE FROM tags WHERE target_kind = $k AND target_id = $id AND tag = $tag",
                    cancellationToken, ("$k", RegistryRules.TagKind(kind)), ("$id", targetId), ("$tag", tag)).ConfigureAwait(false) > 0)
                {
                    removed.Add(tag);
                }
            }

            return removed;
        }

        public async Task<IReadOnlyList<string>> ListTagsAsync(TagTarget kind, long targetId, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                "SELECT tag FROM tags WHERE target_kind = $k AND target_id = $id ORDER BY tag",
                r => r.GetString(0),
                cancellationToken, ("$k", RegistryRules.TagKind(kind)), ("$id", targetId)).ConfigureAwait(false);

        public async Task<HistoryTarget?> FindHistoryTargetAsync(HistoryPath path, CancellationToken cancellationToken) =>
            (path.IsRegistry
                ? await s.QueryAsync(
                    """
                    SELECT 'REGISTRY' AS kind, g.id, g.id AS registry_id, g.namespace_id
                    FROM registries g JOIN namespaces n ON n.id = g.namespace_id
                    WHERE n.name = $ns AND g.name = $p
                    """,
                    ReadHistoryTarget,
                    cancellationToken,
                    ("$ns", path.Namespace),
                    ("$p", path.Parent)).ConfigureAwait(false)
                : await s.QueryAsync(
                    """
                    SELECT 'COLLECTION' AS kind, c.id, c.registry_id, g.namespace_id
                    FROM collections c JOIN registries g ON g.id = c.registry_id JOIN namespaces n ON n.id = g.namespace_id
                    WHERE n.name = $ns AND g.name = $p AND c.name = $a
                    UNION ALL
                    SELECT 'ARTIFACT' AS kind, a.id, NULL AS registry_id, p.namespace_id
                    FROM artifacts a JOIN projects p ON p.id = a.project_id JOIN namespaces n ON n.id = p.namespace_id
                    WHERE n.name = $ns AND p.name = $p AND a.name = $a
                    """,
                    ReadHistoryTarget,
                    cancellationToken,
                    ("$ns", path.Namespace),
                    ("$p", path.Parent),
                    ("$a", path.Name)).ConfigureAwait(false)).FirstOrDefault();

        public async Task<IReadOnlyList<AuditEventRecord>> PageEventsAsync(HistoryTarget target, AuditQuery query, PageRequest page, CancellationToken cancellationToken)
        {
            var (filter, args) = Filter(target, query);
            var order = query.OldestFirst ? "ASC" : "DESC";
            var after = query.OldestFirst ? "e.position > $after" : "($after = 0 OR e.position < $after)";
            var ids = await s.QueryAsync(
                $"SELECT e.id FROM audit_events e WHERE {filter} AND {after} ORDER BY e.position {order} {Rows.Limit("$limit")}",
                r => r.GetInt64(0),
                cancellationToken,
                [.. args, ("$after", page.AfterKey), ("$limit", page.First + 1)]).ConfigureAwait(false);
            return await store.EventsAsync(s, ids, cancellationToken).ConfigureAwait(false);
        }

        public Task<int> CountEventsAsync(HistoryTarget target, AuditQuery query, CancellationToken cancellationToken)
        {
            var (filter, args) = Filter(target, query);
            return s.ScalarAsync<int>($"SELECT COUNT(*) FROM audit_events e WHERE {filter}", cancellationToken, args);
        }

        public async Task<IReadOnlyList<AuditEventRecord>> ReadChainAsync(
            AuditTargetKind kind, long targetId, long afterPosition, int limit, CancellationToken cancellationToken)
        {
            try
            {
                var readAt = Stopwatch.GetTimestamp();
                var events = await s.QueryAsync(
                    $"SELECT {EventColumns} FROM audit_events e WHERE e.target_kind = $k AND e.target_id = $t AND e.position > $after ORDER BY e.position {Rows.Limit("$limit")}",
                    ReadEvent,
                    cancellationToken,
                    ("$k", AuditChain.TargetKindName(kind)),
                    ("$t", targetId),
                    ("$after", afterPosition),
                    ("$limit", limit)).ConfigureAwait(false);
                store.KeepEvents(events, readAt);
                return events;
            }
            catch (SqliteException e) when (SqliteErrors.IsCorruption(e))
            {
                throw new DataCorruptedException(
                    $"the database file is damaged where this history is stored ({e.Message.Trim()}): the history cannot be read whole. " +
                    $"An operator should run '{SqliteErrors.CheckCommand}' and restore a backup",
                    e);
            }
        }

        private static HistoryTarget ReadHistoryTarget(SqliteDataReader r)
        {
            var registry = r.GetOrdinal("registry_id");
            var kind = AuditChain.ParseTargetKind(r.GetString(r.GetOrdinal("kind")));
            return new(
                kind,
                r.GetInt64(r.GetOrdinal("id")),
                r.IsDBNull(registry) ? null : r.GetInt64(registry),
                r.GetInt64(r.GetOrdinal("namespace_id")));
        }
    }
}
