using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Application;

/// <summary>
/// Collections, linked versions, tags and the audit history: every rule of who may change and
/// read them, and the events each change appends, applied once over any store. Every change to
/// a collection's or artifact's membership and tags appends its events in the transaction that
/// makes it; nothing here edits or deletes an event.
/// </summary>
public sealed partial class Registries(IRegistryStore records, IStoreSessionSource store)
{
    /// <summary>How many events verification reads at a time.</summary>
    private const int VerifySlice = 1000;

    public Task<CollectionRecord> CreateCollectionAsync(CreateCollectionCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        RegistryRules.CheckCreateCollection(command);
        return store.WriteAsync(async s =>
        {
            var path = new CollectionPath(command.Registry.Namespace, command.Registry.Project, command.Name);
            var registry = await Identities.RequireRegistryAsync(s, command.Registry.ToString(), actor.Access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            if (await s.FindCollectionAsync(path, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw RegistryRules.CollectionExists(path.ToString());
            }

            return await s.InsertCollectionAsync(registry, command, actor, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Links a version into a collection as its next index, with the given aliases, and returns
    /// the linked version. A version already linked there keeps its link and gains the aliases.
    /// </summary>
    public Task<VersionRecord> LinkArtifactAsync(LinkArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(async s =>
        {
            var (collection, registry) = await RequireCollectionAsync(s, command.Collection, actor.Access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            foreach (var alias in command.Aliases.Where(registry.IsProtected))
            {
                RegistryRules.RequireProtectedAliasRole(actor.Access, registry, alias);
            }

            // A linked version stands for its source: linking it links the source.
            var named = await LineageWrites.RequireVersionAsync(
                s, command.Artifact, actor.Access, Permission.ReadNamespace, Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false);
            var source = named.Link is null ? named : await s.LoadVersionAsync(named.Id, cancellationToken).ConfigureAwait(false);
            RegistryRules.RequireType(collection, source, command.Artifact);

            var scope = AliasScope.Of(collection);
            if (await s.FindLinkAsync(collection.Id, source.Id, cancellationToken).ConfigureAwait(false) is not { } link)
            {
                link = await s.InsertLinkAsync(collection, source.Id, actor, cancellationToken).ConfigureAwait(false);
                await AuditLog.AppendAsync(s, scope, AuditAction.VersionLinked, LinkSubject(link, source), null, actor, cancellationToken).ConfigureAwait(false);
            }

            foreach (var alias in command.Aliases)
            {
                await AliasMoves.MoveAsync(s, scope, LinkSubject(link, source), alias, expectedVersion: null, actor, cancellationToken).ConfigureAwait(false);
            }

            return await s.LoadLinkAsync(link.Id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Removes a linked version and the aliases it held; its index is never reused.</summary>
    public Task<bool> UnlinkArtifactAsync(VersionRef linkedVersion, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linkedVersion);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(async s =>
        {
            var version = await LineageWrites.RequireVersionAsync(
                s, linkedVersion, actor.Access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var link = RegistryRules.RequireLink(version, linkedVersion);
            var registry = await s.LoadRegistryAsync(link.RegistryId, cancellationToken).ConfigureAwait(false);
            var held = RegistryRules.RequireUnlinkRole(version, registry, actor.Access);
            var scope = AliasScope.Of(await s.LoadCollectionAsync(link.CollectionId, cancellationToken).ConfigureAwait(false));

            var subject = new AuditSubject(link.Id, version.Version, link.SourceQualifiedName, link.SourceNamespaceId);
            foreach (var alias in held)
            {
                await s.DeleteAliasAsync(scope, alias, cancellationToken).ConfigureAwait(false);
                await AuditLog.AppendAsync(s, scope, AuditAction.AliasRemoved, subject, alias, actor, cancellationToken).ConfigureAwait(false);
            }

            await s.DeleteLinkAsync(link.Id, cancellationToken).ConfigureAwait(false);
            await AuditLog.AppendAsync(s, scope, AuditAction.VersionUnlinked, subject, null, actor, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Tags a collection or a version; returns the target's tags afterwards.</summary>
    public Task<IReadOnlyList<string>> AddTagsAsync(TagsCommand command, Actor actor, CancellationToken cancellationToken) =>
        ChangeTagsAsync(command, actor, add: true, cancellationToken);

    public Task<IReadOnlyList<string>> RemoveTagsAsync(TagsCommand command, Actor actor, CancellationToken cancellationToken) =>
        ChangeTagsAsync(command, actor, add: false, cancellationToken);

    public Task<CollectionRecord?> FindCollectionAsync(CollectionPath path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync(
            async s => await s.FindCollectionAsync(path, cancellationToken).ConfigureAwait(false) is { } found && access.CanSeeRegistry(found.RegistryId) ? found : null,
            cancellationToken);
    }

    public Task<IReadOnlyList<CollectionRecord>> GetCollectionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        records.GetCollectionsAsync(ids, cancellationToken);

    /// <summary>Linked versions by link id.</summary>
    public Task<IReadOnlyList<VersionRecord>> GetLinksAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken) =>
        records.GetLinksAsync(linkIds, cancellationToken);

    /// <summary>The tags of many targets of one kind, each sorted.</summary>
    public Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> GetTagsAsync(TagTarget target, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        records.GetTagsAsync(target, ids, cancellationToken);

    /// <summary>
    /// One page of the history of a registry (<c>acme/models</c>), a collection
    /// (<c>acme/models/zoo-classifier</c>) or a project artifact (<c>acme/zoo/dataset</c>),
    /// newest first unless the query asks otherwise, each event redacted to what the caller
    /// may see. The page's keys are positions in the chain.
    /// </summary>
    public Task<Page<AuditEventRecord>> GetHistoryAsync(string path, AuditQuery query, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync(async s =>
            await PageHistoryAsync(s, await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false), query, page, access, cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>
    /// A page of the history of a collection the caller has already read, as
    /// <see cref="GetHistoryAsync(string, AuditQuery, PageRequest, Access, CancellationToken)"/>
    /// gives it, without finding the collection again; the same access rule applies.
    /// </summary>
    public Task<Page<AuditEventRecord>> GetHistoryAsync(CollectionRecord collection, AuditQuery query, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(access);
        var target = new HistoryTarget(AuditTargetKind.Collection, collection.Id, collection.RegistryId, collection.NamespaceId);
        RequireHistoryAccess(target, HistoryPath.Parse(collection.Path), collection.Path, access);
        return store.ReadAsync(s => PageHistoryAsync(s, target, query, page, access, cancellationToken), cancellationToken);
    }

    private static async Task<Page<AuditEventRecord>> PageHistoryAsync(
        IStoreSession s, HistoryTarget target, AuditQuery query, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        var rows = await s.PageEventsAsync(target, query, page, cancellationToken).ConfigureAwait(false);
        return new Page<AuditEventRecord>(
            [.. rows.Take(page.First).Select(e => new PageItem<AuditEventRecord>(AuditRules.Redact(e, access), e.Position))],
            rows.Count > page.First);
    }

    public Task<int> CountHistoryAsync(string path, AuditQuery query, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync(
            async s => await s.CountEventsAsync(await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false), query, cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>Recomputes the hash chain of a history, in slices, and compares it with the recorded head.</summary>
    public Task<AuditVerification> VerifyAuditHistoryAsync(string path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync(async s =>
        {
            var target = await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false);
            var verifier = new AuditChainVerifier();
            try
            {
                var after = 0L;
                while (true)
                {
                    var slice = await s.ReadChainAsync(target.Kind, target.Id, after, VerifySlice, cancellationToken).ConfigureAwait(false);
                    if (slice.Count == 0 || !slice.All(verifier.Add))
                    {
                        break;
                    }

                    after = slice[^1].Position;
                }

                var head = await s.ReadChainHeadAsync(target.Kind, target.Id, cancellationToken).ConfigureAwait(false);
                return verifier.Finish(head.Length, head.Head);
            }
            catch (DataCorruptedException e)
            {
                // Damage to the stored history is what verification is for: a verdict, not a fault.
                return verifier.Damaged(e.Message);
            }
        }, cancellationToken);
    }

    private Task<IReadOnlyList<string>> ChangeTagsAsync(TagsCommand command, Actor actor, bool add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var tags = RegistryRules.Tags(command);
        return store.WriteAsync(async s =>
        {
            var target = await RequireTagTargetAsync(s, command.Target, actor.Access, cancellationToken).ConfigureAwait(false);
            var changed = add
                ? await s.AddTagsAsync(target.Kind, target.Id, tags, actor, cancellationToken).ConfigureAwait(false)
                : await s.RemoveTagsAsync(target.Kind, target.Id, tags, cancellationToken).ConfigureAwait(false);
            var action = add ? AuditAction.TagAdded : AuditAction.TagRemoved;
            foreach (var tag in tags.Where(changed.Contains))
            {
                var entry = (target.Subject?.Entry(action) ?? new AuditEntry(action)) with { Tag = tag };
                await AuditLog.AppendAsync(s, target.History.Kind, target.History.TargetId, target.History.Target, entry, actor, cancellationToken).ConfigureAwait(false);
            }

            var now = await s.ListTagsAsync(target.Kind, target.Id, cancellationToken).ConfigureAwait(false);
            RegistryRules.RequireTagRoom(now.Count, target.What);
            return now;
        }, cancellationToken);
    }

    /// <summary>
    /// A collection (a path) or a version (a name with ':'), checked for the right to tag it,
    /// with the history its tags are recorded in: its collection's, or its artifact's.
    /// </summary>
    private static async Task<TagTargetFound> RequireTagTargetAsync(IStoreSession s, string target, Access access, CancellationToken cancellationToken)
    {
        if (target is not null && VersionRef.LooksLikeVersionName(target))
        {
            var version = await LineageWrites.RequireVersionAsync(
                s, VersionRef.Parse(target, "target"), access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
            var artifactPath = $"{version.Namespace}/{version.Project}/{version.ArtifactName}";
            return version.Link is { } link
                ? new(TagTarget.Link, link.Id, $"'{version.QualifiedName}'",
                    new AliasScope(AuditTargetKind.Collection, link.CollectionId, artifactPath), AliasMoves.Subject(version))
                : new(TagTarget.Version, version.Id, $"'{version.QualifiedName}'", AliasScope.OfArtifact(version.ArtifactId, artifactPath), AliasMoves.Subject(version));
        }

        var (collection, _) = await RequireCollectionAsync(
            s, CollectionPath.Parse(target, "target"), access, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
        return new(TagTarget.Collection, collection.Id, $"collection '{collection.Path}'", AliasScope.Of(collection), null);
    }

    private static async Task<(CollectionRecord Collection, RegistryRecord Registry)> RequireCollectionAsync(
        IStoreSession s, CollectionPath path, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var collection = await s.FindCollectionAsync(path, cancellationToken).ConfigureAwait(false) ?? throw Missing.Collection(path);
        access.RequireRegistry(collection.RegistryId, collection.RegistryPath, permission, Missing.Collection(path).Message);
        return (collection, await s.LoadRegistryAsync(collection.RegistryId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The registry, collection or project artifact a history path names, if the caller may read
    /// its history: VIEWER of the registry (restricted viewers see no history), or of the namespace.
    /// </summary>
    private static async Task<HistoryTarget> RequireHistoryTargetAsync(IStoreSession s, string path, Access access, CancellationToken cancellationToken)
    {
        var parsed = HistoryPath.Parse(path);
        var found = await s.FindHistoryTargetAsync(parsed, cancellationToken).ConfigureAwait(false) ?? throw Missing.HistoryTarget(path);
        RequireHistoryAccess(found, parsed, path, access);
        return found;
    }

    /// <summary>A registry's or collection's history needs the VIEWER role in the registry; an artifact's, read access to its namespace.</summary>
    private static void RequireHistoryAccess(HistoryTarget found, HistoryPath parsed, string path, Access access)
    {
        var notFound = Missing.HistoryTarget(path).Message;
        if (found.RegistryId is { } registry)
        {
            access.RequireRegistry(registry, parsed.ParentPath.ToString(), Permission.UseRegistryVersions, notFound);
        }
        else
        {
            access.RequireNamespace(found.NamespaceId ?? throw Missing.HistoryTarget(path), parsed.Namespace, Permission.ReadNamespace, notFound);
        }
    }

    private static AuditSubject LinkSubject((long Id, int Index) link, VersionRecord source) =>
        new(link.Id, $"v{link.Index}", source.QualifiedName, source.NamespaceId);

    /// <summary>What a tag change applies to, and the history it is recorded in.</summary>
    private sealed record TagTargetFound(TagTarget Kind, long Id, string What, AliasScope History, AuditSubject? Subject);
}
