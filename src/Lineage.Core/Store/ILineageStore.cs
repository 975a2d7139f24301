using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Store;

/// <summary>
/// What every store (SQLite, Neo4j) provides. Each write is one transaction: it either
/// applies whole or raises a <see cref="Errors.LineageException"/> and stores nothing.
/// Batched reads take many ids at once so that the API never issues one query per item.
/// Reads that find things by name or walk between things take the caller's <see cref="Access"/>
/// and leave out what it cannot see; reads by id hydrate ids that such a read returned.
/// </summary>
public interface ILineageStore
{
    Task<RunRecord> CreateRunAsync(CreateRunCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>Ends a running run as finished, failed or crashed; a run ends once.</summary>
    Task<RunRecord> FinishRunAsync(FinishRunCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>Logs a version, or records one more logger when the digest already exists.</summary>
    Task<VersionRecord> LogArtifactAsync(LogArtifactCommand command, Actor actor, CancellationToken cancellationToken);

    Task<VersionRecord> UseArtifactAsync(UseArtifactCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Applies many writes in one transaction, in order, each checked exactly as if it were
    /// made alone (roles, names, cycles); a refused write refuses the whole batch with a
    /// <see cref="Errors.BatchWriteException"/>. For loading history and for heavy writers.
    /// </summary>
    Task<IngestResult> IngestAsync(IReadOnlyList<ILineageWrite> writes, Actor actor, CancellationToken cancellationToken);

    /// <summary>Gives the alias to the version, taking it from whichever version held it.</summary>
    Task<VersionRecord> AddAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken);

    Task<VersionRecord> RemoveAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken);

    Task<ProjectRecord?> FindProjectAsync(ProjectPath path, Access access, CancellationToken cancellationToken);

    Task<RunRecord?> FindRunAsync(RunPath path, Access access, CancellationToken cancellationToken);

    Task<VersionRecord?> FindVersionAsync(VersionRef name, Access access, CancellationToken cancellationToken);

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

    Task<Page<VersionFile>> GetFilesAsync(long versionId, PageRequest page, CancellationToken cancellationToken);

    Task<LineageGraph> GetLineageAsync(LineageQuery query, Access access, CancellationToken cancellationToken);

    /// <summary>
    /// Runs, project artifacts and collections whose name contains <paramref name="text"/>
    /// (ignoring case), among what the caller may see: names that start with it first, then by
    /// name and path; at most <paramref name="first"/>.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int first, Access access, CancellationToken cancellationToken);
}
