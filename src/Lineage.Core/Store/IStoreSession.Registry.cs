using Lineage.Audit;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;

namespace Lineage.Store;

/// <summary>The registry part of a unit of work: collections, links, tags and reading history.</summary>
public partial interface IStoreSession
{
    Task<CollectionRecord?> FindCollectionAsync(CollectionPath path, CancellationToken cancellationToken);

    Task<CollectionRecord> InsertCollectionAsync(RegistryRecord registry, CreateCollectionCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>The link of a source version in a collection, if it is linked there: its id and index.</summary>
    Task<(long Id, int Index)?> FindLinkAsync(long collectionId, long sourceVersionId, CancellationToken cancellationToken);

    /// <summary>Links a version as the collection's next index (indexes are never reused); returns the link's id and index.</summary>
    Task<(long Id, int Index)> InsertLinkAsync(CollectionRecord collection, long sourceVersionId, Actor actor, CancellationToken cancellationToken);

    /// <summary>Removes a link and its tags.</summary>
    Task DeleteLinkAsync(long linkId, CancellationToken cancellationToken);

    /// <summary>Adds the tags the target lacks; returns those it added.</summary>
    Task<IReadOnlySet<string>> AddTagsAsync(TagTarget kind, long targetId, IReadOnlyList<string> tags, Actor actor, CancellationToken cancellationToken);

    /// <summary>Removes the tags the target has; returns those it removed.</summary>
    Task<IReadOnlySet<string>> RemoveTagsAsync(TagTarget kind, long targetId, IReadOnlyList<string> tags, CancellationToken cancellationToken);

    /// <summary>A target's tags, sorted.</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(TagTarget kind, long targetId, CancellationToken cancellationToken);

    /// <summary>The registry, collection or project artifact a history path names, if one does.</summary>
    Task<HistoryTarget?> FindHistoryTargetAsync(HistoryPath path, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <c>page.First + 1</c> events of a target's history that pass the query, newest
    /// first (or oldest first when it asks), after the position <c>page.AfterKey</c> (0: from
    /// the start).
    /// </summary>
    Task<IReadOnlyList<AuditEventRecord>> PageEventsAsync(HistoryTarget target, AuditQuery query, PageRequest page, CancellationToken cancellationToken);

    Task<int> CountEventsAsync(HistoryTarget target, AuditQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The next <paramref name="limit"/> events of a chain after <paramref name="afterPosition"/>,
    /// oldest first. A store that finds them damaged raises <see cref="Errors.DataCorruptedException"/>.
    /// </summary>
    Task<IReadOnlyList<AuditEventRecord>> ReadChainAsync(AuditTargetKind kind, long targetId, long afterPosition, int limit, CancellationToken cancellationToken);
}
