using Lineage.Audit;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>Collections, links, tags and audit events, as a unit of work sees them.</summary>
    private sealed partial class Session
    {
        public Task<CollectionRecord?> FindCollectionAsync(CollectionPath path, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindCollectionAsync(s, path, cancellationToken);

        public async Task<CollectionRecord> InsertCollectionAsync(
            RegistryRecord registry, CreateCollectionCommand command, Actor actor, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "collections/create",
                cancellationToken,
                ("registryId", registry.Id),
                ("namespaceId", registry.NamespaceId),
                ("namespace", registry.Namespace),
                ("registry", registry.Name),
                ("name", command.Name),
                ("path", $"{registry.Path}/{command.Name}"),
                ("type", command.Type),
                ("description", command.Description),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            return await LoadCollectionAsync(row!.Long("id"), cancellationToken).ConfigureAwait(false);
        }

        public async Task<(long Id, int Index)?> FindLinkAsync(long collectionId, long sourceVersionId, CancellationToken cancellationToken) =>
            await s.RowAsync("links/find", cancellationToken, ("collectionId", collectionId), ("versionId", sourceVersionId)).ConfigureAwait(false) is { } row
                ? (row.Long("id"), (int)row.Long("linkIndex"))
                : null;

        public async Task<(long Id, int Index)> InsertLinkAsync(CollectionRecord collection, long sourceVersionId, Actor actor, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "links/create", cancellationToken, ("collectionId", collection.Id), ("versionId", sourceVersionId), ("at", store.Now()), ("by", actor.Name)).ConfigureAwait(false);
            return (row!.Long("id"), (int)row.Long("linkIndex"));
        }

        public Task DeleteLinkAsync(long linkId, CancellationToken cancellationToken) =>
            s.RunAsync("links/delete", cancellationToken, ("id", linkId));

        public async Task<IReadOnlySet<string>> AddTagsAsync(TagTarget kind, long targetId, IReadOnlyList<string> tags, Actor actor, CancellationToken cancellationToken) =>
            (await s.QueryAsync(
                "tags/add", r => r.String("tag"), cancellationToken,
                ("kind", RegistryRules.TagKind(kind)), ("targetId", targetId), ("tags", tags.ToArray()), ("at", store.Now()), ("by", actor.Name)).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);

        public async Task<IReadOnlySet<string>> RemoveTagsAsync(TagTarget kind, long targetId, IReadOnlyList<string> tags, CancellationToken cancellationToken) =>
            (await s.QueryAsync(
                "tags/remove", r => r.String("tag"), cancellationToken,
                ("kind", RegistryRules.TagKind(kind)), ("targetId", targetId), ("tags", tags.ToArray())).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);

        public async Task<IReadOnlyList<string>> ListTagsAsync(TagTarget kind, long targetId, CancellationToken cancellationToken) =>
            [.. (await TagsOfAsync(s, kind, [targetId], cancellationToken).ConfigureAwait(false)).Select(t => t.Tag)];

        public async Task<HistoryTarget?> FindHistoryTargetAsync(HistoryPath path, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync("history/target", cancellationToken, ("path", path.ToString())).ConfigureAwait(false);
            if (path.IsRegistry)
            {
                return row?.NullableLong("ownRegistryId") is { } registry ? new HistoryTarget(AuditTargetKind.Registry, registry, registry, null) : null;
            }

            if (row?.NullableLong("collectionId") is { } collection)
            {
                return new HistoryTarget(AuditTargetKind.Collection, collection, row.Long("registryId"), null);
            }

            return row?.NullableLong("artifactId") is { } artifact ? new HistoryTarget(AuditTargetKind.Artifact, artifact, null, row.Long("namespaceId")) : null;
        }

        public async Task<IReadOnlyList<AuditEventRecord>> PageEventsAsync(HistoryTarget target, AuditQuery query, PageRequest page, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                query.OldestFirst ? "history/page-oldest" : "history/page-newest",
                r => Records.Event(r["event"]),
                cancellationToken,
                [.. Filter(target, query), ("after", query.OldestFirst || page.AfterKey != 0 ? page.AfterKey : long.MaxValue), ("limit", page.First + 1)]).ConfigureAwait(false);

        public async Task<int> CountEventsAsync(HistoryTarget target, AuditQuery query, CancellationToken cancellationToken) =>
            (int)(await s.RowAsync("history/count", cancellationToken, Filter(target, query)).ConfigureAwait(false))!.Long("count");

        public async Task<IReadOnlyList<AuditEventRecord>> ReadChainAsync(
            AuditTargetKind kind, long targetId, long afterPosition, int limit, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                "history/slice",
                r => Records.Event(r["event"]),
                cancellationToken,
                ("chain", ChainKey(kind, targetId)),
                ("after", afterPosition),
                ("limit", limit)).ConfigureAwait(false);
    }
}
