using Lineage.Model;
using Lineage.Registry;

namespace Lineage.Store;

/// <summary>
/// What a store reads of registries outside a unit of work: collections, linked versions and
/// tags by id, for many at once. Every rule over registries and their history lives in
/// <see cref="Application.Registries"/>.
/// </summary>
public interface IRegistryStore
{
    Task<IReadOnlyList<CollectionRecord>> GetCollectionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>Linked versions by link id.</summary>
    Task<IReadOnlyList<VersionRecord>> GetLinksAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken);

    /// <summary>The tags of many targets of one kind, each sorted.</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> GetTagsAsync(TagTarget target, IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
}
