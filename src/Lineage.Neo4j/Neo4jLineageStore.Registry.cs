using Lineage.Application;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore : IRegistryStore
{
    public Task<CollectionRecord> CreateCollectionAsync(CreateCollectionCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        RegistryRules.CheckCreateCollection(command);

        return TransactAsync(async s =>
        {
            var registry = await RequireRegistryAsync(s, command.Registry.ToString(), actor.Access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var path = $"{registry.Path}/{command.Name}";
            if (await s.RowAsync("collections/by-path", cancellationToken, ("path", path)).ConfigureAwait(false) is not null)
            {
                throw RegistryRules.CollectionExists(path);
            }

            var row = await s.RowAsync(
                "collections/create",
                cancellationToken,
                ("registryId", registry.Id),
                ("namespaceId", registry.NamespaceId),
                ("namespace", registry.Namespace),
                ("registry", registry.Name),
                ("name", command.Name),
                ("path", path),
                ("type", command.Type),
                ("description", command.Description),
                ("at", Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            return (await LoadCollectionsAsync(s, [row!.Long("id")], cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<VersionRecord> LinkArtifactAsync(LinkArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var aliases = command.Aliases;
        return TransactAsync(async s =>
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

            var existing = await s.RowAsync("links/find", cancellationToken, ("collectionId", collection.Id), ("versionId", source.Id)).ConfigureAwait(false);
            long linkId;
            int linkIndex;
            if (existing is not null)
            {
                (linkId, linkIndex) = (existing.Long("id"), (int)existing.Long("linkIndex"));
            }
            else
            {
                var created = await s.RowAsync(
                    "links/create", cancellationToken, ("collectionId", collection.Id), ("versionId", source.Id), ("at", Now()), ("by", actor.Name)).ConfigureAwait(false);
                (linkId, linkIndex) = (created!.Long("id"), (int)created.Long("linkIndex"));
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
        return TransactAsync(async s =>
        {
            var version = await LineageWrites.RequireVersionAsync(
                SessionOf(s), linkedVersion, actor.Access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var link = RegistryRules.RequireLink(version, linkedVersion);
            var registry = (await LoadRegistriesAsync(s, [link.RegistryId], cancellationToken).ConfigureAwait(false))[0];
            var held = RegistryRules.RequireUnlinkRole(version, registry, actor.Access);
            var collection = (await LoadCollectionsAsync(s, [link.CollectionId], cancellationToken).ConfigureAwait(false))[0];

            var scope = AliasScope.Of(collection);
            var subject = new AuditSubject(link.Id, version.Version, link.SourceQualifiedName, link.SourceNamespaceId);
            foreach (var alias in held)
            {
                await s.RunAsync("aliases/delete", cancellationToken, ("key", AliasKey(scope, alias))).ConfigureAwait(false);
                await AuditLog.AppendAsync(SessionOf(s), scope, AuditAction.AliasRemoved, subject, alias, actor, cancellationToken).ConfigureAwait(false);
            }

            await s.RunAsync("links/delete", cancellationToken, ("id", link.Id)).ConfigureAwait(false);
            await AuditLog.AppendAsync(SessionOf(s), scope, AuditAction.VersionUnlinked, subject, null, actor, cancellationToken).ConfigureAwait(false);
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
        var found = await ReadAsync(s => FindCollectionAsync(s, path, cancellationToken), cancellationToken).ConfigureAwait(false);
        return found is not null && access.CanSeeRegistry(found.RegistryId) ? found : null;
    }

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

    private Task<IReadOnlyList<string>> ChangeTagsAsync(TagsCommand command, Actor actor, bool add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var tags = RegistryRules.Tags(command).ToArray();
        return TransactAsync<IReadOnlyList<string>>(async s =>
        {
            var (kind, id, what, history, subject) = await RequireTagTargetAsync(s, command.Target, actor.Access, cancellationToken).ConfigureAwait(false);
            var changed = add
                ? await s.QueryAsync("tags/add", r => r.String("tag"), cancellationToken, ("kind", RegistryRules.TagKind(kind)), ("targetId", id), ("tags", tags), ("at", Now()), ("by", actor.Name)).ConfigureAwait(false)
                : await s.QueryAsync("tags/remove", r => r.String("tag"), cancellationToken, ("kind", RegistryRules.TagKind(kind)), ("targetId", id), ("tags", tags)).ConfigureAwait(false);
            var action = add ? AuditAction.TagAdded : AuditAction.TagRemoved;
            foreach (var tag in tags.Where(changed.Contains))
            {
                await AppendEventAsync(s, history, (subject?.Entry(action) ?? new AuditEntry(action)) with { Tag = tag }, actor, cancellationToken).ConfigureAwait(false);
            }

            var now = (await TagsOfAsync(s, kind, [id], cancellationToken).ConfigureAwait(false)).Select(t => t.Tag).ToList();
            RegistryRules.RequireTagRoom(now.Count, what);

            return now;
        }, cancellationToken);
    }

    private static Task<List<(long Id, string Tag)>> TagsOfAsync(Neo4jSession s, TagTarget target, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("tags/of", r => (r.Long("id"), r.String("tag")), cancellationToken, ("kind", RegistryRules.TagKind(target)), ("ids", ids.ToArray()));

    /// <summary>
    /// A collection (a path) or a version (a name with ':'), checked for the right to tag it,
    /// with the history its tags are recorded in: its collection's, or its artifact's.
    /// </summary>
    private async Task<(TagTarget Kind, long Id, string What, AliasScope History, AuditSubject? Subject)> RequireTagTargetAsync(
        Neo4jSession s, string target, Access access, CancellationToken cancellationToken)
    {
        if (target is not null && VersionRef.LooksLikeVersionName(target))
        {
            var version = await LineageWrites.RequireVersionAsync(
                SessionOf(s), VersionRef.Parse(target, "target"), access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var path = $"{version.Namespace}/{version.Project}/{version.ArtifactName}";
            return version.Link is { } link
                ? (TagTarget.Link, link.Id, $"'{version.QualifiedName}'", new AliasScope(AuditTargetKind.Collection, link.CollectionId, path), AliasMoves.Subject(version))
                : (TagTarget.Version, version.Id, $"'{version.QualifiedName}'", AliasScope.OfArtifact(version.ArtifactId, path), AliasMoves.Subject(version));
        }

        var (collection, _) = await RequireCollectionAsync(
            s, CollectionPath.Parse(target, "target"), access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
        return (TagTarget.Collection, collection.Id, $"collection '{collection.Path}'", AliasScope.Of(collection), null);
    }

    private static async Task<(CollectionRecord Collection, RegistryRecord Registry)> RequireCollectionAsync(
        Neo4jSession s, CollectionPath path, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var collection = await FindCollectionAsync(s, path, cancellationToken).ConfigureAwait(false) ?? throw Missing.Collection(path);
        access.RequireRegistry(collection.RegistryId, collection.RegistryPath, permission, Missing.Collection(path).Message);
        var registry = (await LoadRegistriesAsync(s, [collection.RegistryId], cancellationToken).ConfigureAwait(false))[0];
        return (collection, registry);
    }

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
