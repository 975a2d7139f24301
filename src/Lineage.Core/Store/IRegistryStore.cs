using Lineage.Audit;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;

namespace Lineage.Store;

/// <summary>
/// Collections, linked versions, tags and the audit history. Every change to a collection's or
/// artifact's membership and aliases appends its audit events in the transaction that makes it;
/// nothing here edits or deletes an event. Aliases of linked versions move through
/// <see cref="Application.LineageWrites.AddAliasAsync"/> and <see cref="Application.LineageWrites.RemoveAliasAsync"/>.
/// </summary>
public interface IRegistryStore
{
    Task<CollectionRecord> CreateCollectionAsync(CreateCollectionCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Links a version into a collection as its next index, with the given aliases, and returns
    /// the linked version. A version already linked there keeps its link and gains the aliases.
    /// </summary>
    Task<VersionRecord> LinkArtifactAsync(LinkArtifactCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>Removes a linked version and the aliases it held; its index is never reused.</summary>
    Task<bool> UnlinkArtifactAsync(VersionRef linkedVersion, Actor actor, CancellationToken cancellationToken);

    /// <summary>Tags a collection or a version; returns the target's tags afterwards.</summary>
    Task<IReadOnlyList<string>> AddTagsAsync(TagsCommand command, Actor actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> RemoveTagsAsync(TagsCommand command, Actor actor, CancellationToken cancellationToken);

    Task<CollectionRecord?> FindCollectionAsync(CollectionPath path, Access access, CancellationToken cancellationToken);

    Task<IReadOnlyList<CollectionRecord>> GetCollectionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>Linked versions by link id.</summary>
    Task<IReadOnlyList<VersionRecord>> GetLinksAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken);

    /// <summary>The tags of many targets of one kind, each sorted.</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> GetTagsAsync(TagTarget target, IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the history of a collection (<c>acme/models/zoo-classifier</c>) or a project
    /// artifact (<c>acme/zoo/dataset</c>), newest first unless the query asks otherwise. The
    /// page's keys are event ids.
    /// </summary>
    Task<Page<AuditEventRecord>> GetHistoryAsync(string path, AuditQuery query, PageRequest page, Access access, CancellationToken cancellationToken);

    Task<int> CountHistoryAsync(string path, AuditQuery query, Access access, CancellationToken cancellationToken);

    /// <summary>Recomputes the hash chain of a collection's or artifact's history.</summary>
    Task<AuditVerification> VerifyAuditHistoryAsync(string path, Access access, CancellationToken cancellationToken);
}
