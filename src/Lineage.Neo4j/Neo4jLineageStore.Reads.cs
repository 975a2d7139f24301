using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    public Task<IReadOnlyList<ProjectRecord>> GetProjectsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ProjectRecord>>(
            async s => await s.QueryAsync("projects/load", r => Records.Project(r["project"]), cancellationToken, ("ids", ids.ToArray())).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<RunRecord>>(async s => await LoadRunsAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<ArtifactRecord>> GetArtifactsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ArtifactRecord>>(
            async s => await s.QueryAsync("artifacts/load", r => Records.Artifact(r["artifact"]), cancellationToken, ("ids", ids.ToArray())).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<VersionRecord>> GetVersionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<VersionRecord>>(async s => await LoadVersionsAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    public async Task<IReadOnlyDictionary<long, Page<long>>> GetPagesAsync(
        Relation relation, IReadOnlyCollection<long> parentIds, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parentIds);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(access);
        if (parentIds.Count == 0)
        {
            return new Dictionary<long, Page<long>>();
        }

        var (name, visibility) = Shape(relation, access);
        var rows = await ReadAsync(
            s => s.QueryAsync(
                $"pages/{name}",
                r => (Parent: r.Long("parent"), Child: r.Long("child"), Key: r.Long("key")),
                cancellationToken,
                [("parents", parentIds.Distinct().ToArray()), ("after", page.AfterKey), ("limit", page.First + 1), .. visibility]),
            cancellationToken).ConfigureAwait(false);
        return Paging.Group(rows, parentIds, page.First);
    }

    public async Task<IReadOnlyDictionary<long, int>> CountAsync(
        Relation relation, IReadOnlyCollection<long> parentIds, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parentIds);
        ArgumentNullException.ThrowIfNull(access);
        var (name, visibility) = Shape(relation, access);
        var rows = await ReadAsync(
            s => s.QueryAsync(
                $"counts/{name}",
                r => (Parent: r.Long("parent"), Count: (int)r.Long("count")),
                cancellationToken,
                [("parents", parentIds.Distinct().ToArray()), .. visibility]),
            cancellationToken).ConfigureAwait(false);
        return Paging.Counts(rows, parentIds);
    }

    public Task<Page<VersionFile>> GetFilesAsync(long versionId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return ReadAsync(async s =>
        {
            var rows = await s.QueryAsync(
                "versions/files-page",
                r =>
                {
                    var file = r["file"];
                    return new PageItem<VersionFile>(
                        new VersionFile(Cypher.String(file, "path"), Cypher.String(file, "digest"), Cypher.Long(file, "size")), Cypher.Long(file, "id"));
                },
                cancellationToken,
                ("versionId", versionId),
                ("after", page.AfterKey),
                ("limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }, cancellationToken);
    }

    /// <summary>
    /// The statement of a relation (cypher/pages/*, cypher/counts/*) and the visibility it takes.
    /// Edges cross projects, so a version's users or a run's inputs may live in namespaces the
    /// caller has no role in; the other relations stay inside their parent's namespace, which
    /// the caller could already see, except registries and the links into them.
    /// </summary>
    private static (string Name, (string Name, object? Value)[] Visibility) Shape(Relation relation, Access access)
    {
        (string, object?)[] namespaces = [("visible", access.VisibleNamespaces?.ToArray())];
        (string, object?)[] registries = [("registries", access.VisibleRegistries?.ToArray())];
        return relation switch
        {
            Relation.UsedBy => ("used-by", namespaces),
            Relation.Loggers => ("loggers", namespaces),
            Relation.UsedArtifacts => ("used-artifacts", namespaces),
            Relation.LoggedArtifacts => ("logged-artifacts", namespaces),
            Relation.ProjectRuns => ("project-runs", []),
            Relation.ProjectArtifacts => ("project-artifacts", []),
            Relation.ArtifactVersions => ("artifact-versions", []),
            Relation.VersionFiles => ("version-files", []),
            Relation.NamespaceProjects => ("namespace-projects", []),
            Relation.NamespaceRegistries => ("namespace-registries", registries),
            Relation.RegistryCollections => ("registry-collections", []),
            Relation.CollectionLinks => ("collection-links", []),
            Relation.VersionLinks => ("version-links", registries),
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
        };
    }

    /// <summary>A version of a project artifact or, when the path names a registry, a linked version.</summary>
    private static async Task<VersionRecord?> FindVersionAsync(Neo4jSession s, VersionRef name, CancellationToken cancellationToken)
    {
        // Projects and registries of one owner never share a name, so at most one of these finds it.
        if (await ResolveIdAsync(s, "versions", name, cancellationToken).ConfigureAwait(false) is { } id)
        {
            return await LoadVersionAsync(s, id, cancellationToken).ConfigureAwait(false);
        }

        return await ResolveIdAsync(s, "links", name, cancellationToken).ConfigureAwait(false) is { } linkId
            ? (await LoadLinksAsync(s, [linkId], cancellationToken).ConfigureAwait(false)).FirstOrDefault()
            : null;
    }

    /// <summary>The id a name's selector picks among the versions of an artifact (<c>versions</c>) or the links of a collection (<c>links</c>).</summary>
    private static async Task<long?> ResolveIdAsync(Neo4jSession s, string folder, VersionRef name, CancellationToken cancellationToken)
    {
        var path = $"{name.Namespace}/{name.Project}/{name.Artifact}";
        var row = name.Selector switch
        {
            { Index: { } index } => await s.RowAsync($"{folder}/id-by-index", cancellationToken, ("path", path), ("index", index)).ConfigureAwait(false),
            { IsLatest: true } => await s.RowAsync($"{folder}/id-latest", cancellationToken, ("path", path)).ConfigureAwait(false),
            _ => await s.RowAsync($"{folder}/id-by-alias", cancellationToken, ("path", path), ("alias", name.Selector.Alias)).ConfigureAwait(false),
        };
        return row?.Long("id");
    }

    private static async Task<VersionRecord> LoadVersionAsync(Neo4jSession s, long id, CancellationToken cancellationToken) =>
        (await LoadVersionsAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];

    private static Task<List<VersionRecord>> LoadVersionsAsync(Neo4jSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("versions/load", r => Records.Version(r["version"]), cancellationToken, ("ids", ids.ToArray()));
}
