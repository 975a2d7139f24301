using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore : IRegistryStore
{
    /// <summary>How many tags one collection or version may carry.</summary>
    public const int MaxTagsPerTarget = 100;

    /// <summary>How long a collection's description may be, in characters.</summary>
    public const int MaxDescriptionLength = 4096;

    public Task<CollectionRecord> CreateCollectionAsync(CreateCollectionCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireName(command.Name, "collection name");
        NameRules.RequireName(command.Type, "collection type");
        if (command.Description is { Length: > MaxDescriptionLength })
        {
            throw new LimitExceededException("description", $"a description holds at most {MaxDescriptionLength} characters, not {command.Description.Length}");
        }

        return WriteAsync(async s =>
        {
            var registry = await RequireRegistryAsync(s, command.Registry.ToString(), actor.Access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var path = $"{registry.Path}/{command.Name}";
            if (await s.RowAsync("collections/by-path", cancellationToken, ("path", path)).ConfigureAwait(false) is not null)
            {
                throw new ConflictException($"collection '{path}' already exists");
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
        var aliases = command.Aliases.Select(NameRules.RequireUserAlias).Distinct(StringComparer.Ordinal).ToList();
        return WriteAsync(async s =>
        {
            var (collection, registry) = await RequireCollectionAsync(s, command.Collection, actor.Access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            foreach (var alias in aliases.Where(registry.IsProtected))
            {
                RequireProtectedAliasRole(actor.Access, registry, alias);
            }

            // A linked version stands for its source: linking it links the source.
            var named = await RequireVersionAsync(
                s, command.Artifact, actor.Access, Permission.ReadNamespace, Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false);
            var source = named.Link is null ? named : await LoadVersionAsync(s, named.Id, cancellationToken).ConfigureAwait(false);
            if (source.Type != collection.Type)
            {
                throw new ConflictException(
                    $"collection '{collection.Path}' holds versions of type '{collection.Type}'; '{command.Artifact}' is of type '{source.Type}'");
            }

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
                await AppendEventAsync(
                    s, AliasScope.Of(collection), AuditAction.VersionLinked,
                    new AuditSubject(linkId, $"v{linkIndex}", source.QualifiedName, source.NamespaceId), null, actor, cancellationToken).ConfigureAwait(false);
            }

            var holder = new AuditSubject(linkId, $"v{linkIndex}", source.QualifiedName, source.NamespaceId);
            foreach (var alias in aliases)
            {
                await MoveAliasAsync(s, AliasScope.Of(collection), holder, alias, expectedVersion: null, actor, cancellationToken).ConfigureAwait(false);
            }

            return (await LoadLinksAsync(s, [linkId], cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<bool> UnlinkArtifactAsync(VersionRef linkedVersion, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linkedVersion);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(async s =>
        {
            var version = await RequireVersionAsync(
                s, linkedVersion, actor.Access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var link = version.Link ?? throw new InvalidArgumentException(
                $"'{linkedVersion}' is a version of a project artifact; only linked versions, in a collection, can be unlinked");
            var registry = (await LoadRegistriesAsync(s, [link.RegistryId], cancellationToken).ConfigureAwait(false))[0];
            var collection = (await LoadCollectionsAsync(s, [link.CollectionId], cancellationToken).ConfigureAwait(false))[0];
            var held = version.Aliases.Where(a => a != NameRules.Latest).ToList();
            if (held.FirstOrDefault(registry.IsProtected) is { } guarded
                && actor.Access.RegistryRole(registry.Id) < Policy.Required(Permission.ManageProtectedAliases))
            {
                throw new ForbiddenException(
                    $"'{version.QualifiedName}' holds the protected alias '{guarded}': unlinking it needs the " +
                    $"{RoleNames.Format(Policy.Required(Permission.ManageProtectedAliases))} role in registry '{registry.Path}'; " +
                    $"yours is {RoleNames.Format(actor.Access.RegistryRole(registry.Id)!.Value)}");
            }

            var scope = AliasScope.Of(collection);
            var subject = new AuditSubject(link.Id, version.Version, link.SourceQualifiedName, link.SourceNamespaceId);
            foreach (var alias in held)
            {
                await s.RunAsync("aliases/delete", cancellationToken, ("key", scope.AliasKey(alias))).ConfigureAwait(false);
                await AppendEventAsync(s, scope, AuditAction.AliasRemoved, subject, alias, actor, cancellationToken).ConfigureAwait(false);
            }

            await s.RunAsync("links/delete", cancellationToken, ("id", link.Id)).ConfigureAwait(false);
            await AppendEventAsync(s, scope, AuditAction.VersionUnlinked, subject, null, actor, cancellationToken).ConfigureAwait(false);
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
        if (command.Tags.Count > MaxTagsPerTarget)
        {
            throw new LimitExceededException("tags", $"at most {MaxTagsPerTarget} tags can be given at once, not {command.Tags.Count}");
        }

        var tags = command.Tags.Select(t => NameRules.RequireName(t, "tag")).Distinct(StringComparer.Ordinal).ToArray();
        return WriteAsync<IReadOnlyList<string>>(async s =>
        {
            var (kind, id, what) = await RequireTagTargetAsync(s, command.Target, actor.Access, cancellationToken).ConfigureAwait(false);
            if (add)
            {
                await s.RunAsync("tags/add", cancellationToken, ("kind", TagKind(kind)), ("targetId", id), ("tags", tags), ("at", Now()), ("by", actor.Name)).ConfigureAwait(false);
            }
            else
            {
                await s.RunAsync("tags/remove", cancellationToken, ("kind", TagKind(kind)), ("targetId", id), ("tags", tags)).ConfigureAwait(false);
            }

            var now = (await TagsOfAsync(s, kind, [id], cancellationToken).ConfigureAwait(false)).Select(t => t.Tag).ToList();
            if (now.Count > MaxTagsPerTarget)
            {
                throw new LimitExceededException("tags", $"{what} would carry {now.Count} tags; at most {MaxTagsPerTarget} are allowed");
            }

            return now;
        }, cancellationToken);
    }

    private static Task<List<(long Id, string Tag)>> TagsOfAsync(Neo4jSession s, TagTarget target, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("tags/of", r => (r.Long("id"), r.String("tag")), cancellationToken, ("kind", TagKind(target)), ("ids", ids.ToArray()));

    /// <summary>A collection (a path) or a version (a name with ':'), checked for the right to tag it.</summary>
    private static async Task<(TagTarget Kind, long Id, string What)> RequireTagTargetAsync(
        Neo4jSession s, string target, Access access, CancellationToken cancellationToken)
    {
        if (target is not null && VersionRef.LooksLikeVersionName(target))
        {
            var version = await RequireVersionAsync(
                s, VersionRef.Parse(target, "target"), access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            return version.Link is { } link
                ? (TagTarget.Link, link.Id, $"'{version.QualifiedName}'")
                : (TagTarget.Version, version.Id, $"'{version.QualifiedName}'");
        }

        var (collection, _) = await RequireCollectionAsync(
            s, CollectionPath.Parse(target, "target"), access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
        return (TagTarget.Collection, collection.Id, $"collection '{collection.Path}'");
    }

    private static string TagKind(TagTarget target) => target switch
    {
        TagTarget.Collection => "COLLECTION",
        TagTarget.Version => "VERSION",
        TagTarget.Link => "LINK",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    private static void RequireProtectedAliasRole(Access access, RegistryRecord registry, string alias)
    {
        var role = access.RegistryRole(registry.Id);
        var needed = Policy.Required(Permission.ManageProtectedAliases);
        if (role < needed)
        {
            throw new ForbiddenException(
                $"alias '{alias}' is protected in registry '{registry.Path}': setting, moving or removing it needs the " +
                $"{RoleNames.Format(needed)} role; yours is {RoleNames.Format(role!.Value)}");
        }
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
