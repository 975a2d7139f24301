using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Listing;
using Lineage.Model;

namespace Lineage.Store;

/// <summary>
/// What every store (SQLite, Neo4j) answers about runs, versions and lineage; their writes go
/// through <see cref="Application.LineageWrites"/> over the store's <see cref="IStoreSession"/>.
/// Batched reads take many ids at once so that the API never issues one query per item.
/// Reads that page, count or walk take the caller's <see cref="Access"/> and leave out what it
/// cannot see; reads by id hydrate ids that such a read returned. Finding one thing by name is
/// a session read (<see cref="LineageStoreExtensions"/>), with the visibility rule applied once.
/// </summary>
public interface ILineageStore : IStoreSessionSource
{
    Task<IReadOnlyList<ProjectRecord>> GetProjectsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<ArtifactRecord>> GetArtifactsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<VersionRecord>> GetVersionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>One page of child ids per parent, leaving out children the caller cannot see, for many parents in one call.</summary>
    Task<IReadOnlyDictionary<long, Page<long>>> GetPagesAsync(
        Relation relation, IReadOnlyCollection<long> parentIds, PageRequest page, Access access, CancellationToken cancellationToken);

    /// <summary>The number of children per parent, for many parents in one call.</summary>
    Task<IReadOnlyDictionary<long, int>> CountAsync(
        Relation relation, IReadOnlyCollection<long> parentIds, Access access, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a parent's filtered, ordered list of ids (the query is checked by
    /// <see cref="ListRules.Check"/>); null when the page's <c>AfterKey</c> is not an item of the
    /// parent's list. Everything in these lists is as visible as its parent.
    /// </summary>
    Task<Page<long>?> ListAsync(ListQuery query, CancellationToken cancellationToken);

    /// <summary>How many items of the parent's list the query's filter keeps.</summary>
    Task<int> CountListAsync(ListQuery query, CancellationToken cancellationToken);

    /// <summary>A project's runs or artifacts counted per job type, type or state: the most common first, then by value; at most <paramref name="first"/>.</summary>
    Task<IReadOnlyList<Tally>> TallyAsync(TallyKind kind, long projectId, int first, CancellationToken cancellationToken);

    Task<Page<VersionFile>> GetFilesAsync(long versionId, PageRequest page, CancellationToken cancellationToken);

    Task<LineageGraph> GetLineageAsync(LineageQuery query, Access access, CancellationToken cancellationToken);

    /// <summary>
    /// Runs, project artifacts and collections whose name contains <paramref name="text"/>
    /// (ignoring case), among what the caller may see: names that start with it first, then by
    /// name and path; at most <paramref name="first"/>.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int first, Access access, CancellationToken cancellationToken);
}
