using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    public Task<ProjectRecord?> FindProjectAsync(ProjectPath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _database.ReadAsync(
            async s => (await s.QueryAsync(
                $"SELECT {Rows.ProjectColumns} FROM projects p {Rows.ProjectJoins} WHERE n.name = $ns AND p.name = $p",
                Rows.Project,
                cancellationToken,
                ("$ns", path.Namespace),
                ("$p", path.Project)).ConfigureAwait(false)).FirstOrDefault(),
            cancellationToken);
    }

    public Task<RunRecord?> FindRunAsync(RunPath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _database.ReadAsync(s => FindRunAsync(s, path, cancellationToken), cancellationToken);
    }

    public Task<VersionRecord?> FindVersionAsync(VersionRef name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _database.ReadAsync(async s =>
        {
            var id = await ResolveVersionIdAsync(s, name, cancellationToken).ConfigureAwait(false);
            return id is null ? null : await LoadVersionAsync(s, id.Value, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ProjectRecord>> GetProjectsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<ProjectRecord>>(
            async s => await s.QueryAsync(
                $"SELECT {Rows.ProjectColumns} FROM json_each($ids) j JOIN projects p ON p.id = j.value {Rows.ProjectJoins}",
                Rows.Project,
                cancellationToken,
                ("$ids", Rows.Ids(ids))).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<RunRecord>>(async s => await LoadRunsAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<ArtifactRecord>> GetArtifactsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<ArtifactRecord>>(
            async s => await s.QueryAsync(
                $"SELECT {Rows.ArtifactColumns} FROM json_each($ids) j JOIN artifacts a ON a.id = j.value {Rows.ArtifactJoins}",
                Rows.Artifact,
                cancellationToken,
                ("$ids", Rows.Ids(ids))).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<VersionRecord>> GetVersionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<VersionRecord>>(async s => await LoadVersionsAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyDictionary<long, Page<long>>> GetPagesAsync(
        Relation relation, IReadOnlyCollection<long> parentIds, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parentIds);
        ArgumentNullException.ThrowIfNull(page);
        if (parentIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<long, Page<long>>>(new Dictionary<long, Page<long>>());
        }

        var (table, parent, child, key) = Shape(relation);
        var limit = page.First + 1;

        // One parent, the common case, walks its index in key order and stops after the page.
        // Many parents share one statement, paged per parent by a window function.
        var sql = parentIds.Count == 1
            ? $"SELECT {parent}, {child}, {key} FROM {table} WHERE {parent} = $one AND {key} > $after ORDER BY {key} LIMIT $limit"
            : $"""
              SELECT parent, child, key FROM (
                  SELECT t.{parent} AS parent, t.{child} AS child, t.{key} AS key,
                         ROW_NUMBER() OVER (PARTITION BY t.{parent} ORDER BY t.{key}) AS rn
                  FROM {table} t
                  WHERE t.{parent} IN (SELECT value FROM json_each($ids)) AND t.{key} > $after)
              WHERE rn <= $limit
              ORDER BY parent, key
              """;

        return _database.ReadAsync<IReadOnlyDictionary<long, Page<long>>>(async s =>
        {
            var rows = await s.QueryAsync(
                sql,
                r => (Parent: r.GetInt64(0), Child: r.GetInt64(1), Key: r.GetInt64(2)),
                cancellationToken,
                ("$one", parentIds.First()),
                ("$ids", Rows.Ids(parentIds)),
                ("$after", page.AfterKey),
                ("$limit", limit)).ConfigureAwait(false);

            var pages = new Dictionary<long, Page<long>>();
            foreach (var group in rows.GroupBy(r => r.Parent))
            {
                var items = group.Take(page.First).Select(r => new PageItem<long>(r.Child, r.Key)).ToList();
                pages[group.Key] = new Page<long>(items, group.Count() > page.First);
            }

            foreach (var id in parentIds)
            {
                pages.TryAdd(id, Page<long>.Empty);
            }

            return pages;
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<long, int>> CountAsync(Relation relation, IReadOnlyCollection<long> parentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parentIds);
        var (table, parent, _, _) = Shape(relation);
        return _database.ReadAsync<IReadOnlyDictionary<long, int>>(async s =>
        {
            var rows = await s.QueryAsync(
                $"SELECT {parent}, COUNT(*) FROM {table} WHERE {parent} IN (SELECT value FROM json_each($ids)) GROUP BY {parent}",
                r => (Parent: r.GetInt64(0), Count: r.GetInt32(1)),
                cancellationToken,
                ("$ids", Rows.Ids(parentIds))).ConfigureAwait(false);
            var counts = rows.ToDictionary(r => r.Parent, r => r.Count);
            foreach (var id in parentIds)
            {
                counts.TryAdd(id, 0);
            }

            return counts;
        }, cancellationToken);
    }

    public Task<Page<VersionFile>> GetFilesAsync(long versionId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return _database.ReadAsync(async s =>
        {
            var rows = await s.QueryAsync(
                "SELECT id, path, digest, size FROM version_files WHERE version_id = $v AND id > $after ORDER BY id LIMIT $limit",
                r => new PageItem<VersionFile>(new VersionFile(r.GetString(1), r.GetString(2), r.GetInt64(3)), r.GetInt64(0)),
                cancellationToken,
                ("$v", versionId),
                ("$after", page.AfterKey),
                ("$limit", page.First + 1)).ConfigureAwait(false);
            return new Page<VersionFile>([.. rows.Take(page.First)], rows.Count > page.First);
        }, cancellationToken);
    }

    private static (string Table, string Parent, string Child, string Key) Shape(Relation relation) => relation switch
    {
        Relation.UsedBy => ("used_edges", "version_id", "run_id", "seq"),
        Relation.Loggers => ("logged_edges", "version_id", "run_id", "seq"),
        Relation.UsedArtifacts => ("used_edges", "run_id", "version_id", "seq"),
        Relation.LoggedArtifacts => ("logged_edges", "run_id", "version_id", "seq"),
        Relation.ProjectRuns => ("runs", "project_id", "id", "id"),
        Relation.ProjectArtifacts => ("artifacts", "project_id", "id", "id"),
        Relation.ArtifactVersions => ("artifact_versions", "artifact_id", "id", "id"),
        Relation.VersionFiles => ("version_files", "version_id", "id", "id"),
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };

    private static async Task<VersionRecord> RequireVersionAsync(SqliteSession s, VersionRef name, CancellationToken cancellationToken)
    {
        var id = await ResolveVersionIdAsync(s, name, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"artifact version '{name}' not found");
        return await LoadVersionAsync(s, id, cancellationToken).ConfigureAwait(false);
    }

    private static Task<long?> ResolveVersionIdAsync(SqliteSession s, VersionRef name, CancellationToken cancellationToken)
    {
        const string artifact = """
            SELECT a.id FROM artifacts a JOIN projects p ON p.id = a.project_id JOIN namespaces n ON n.id = p.namespace_id
            WHERE n.name = $ns AND p.name = $p AND a.name = $a
            """;
        var sql = name.Selector switch
        {
            { Index: not null } => $"SELECT id FROM artifact_versions WHERE artifact_id = ({artifact}) AND version_index = $sel",
            { IsLatest: true } => $"SELECT id FROM artifact_versions WHERE artifact_id = ({artifact}) ORDER BY version_index DESC LIMIT 1",
            _ => $"SELECT version_id FROM version_aliases WHERE artifact_id = ({artifact}) AND alias = $sel",
        };
        return s.ScalarAsync<long?>(
            sql,
            cancellationToken,
            ("$ns", name.Namespace),
            ("$p", name.Project),
            ("$a", name.Artifact),
            ("$sel", (object?)name.Selector.Index ?? name.Selector.Alias));
    }

    private static async Task<VersionRecord> LoadVersionAsync(SqliteSession s, long id, CancellationToken cancellationToken) =>
        (await LoadVersionsAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];

    private static async Task<List<VersionRecord>> LoadVersionsAsync(SqliteSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var json = Rows.Ids(ids);
        var rows = await s.QueryAsync(
            $"SELECT {Rows.VersionColumns} FROM json_each($ids) j JOIN artifact_versions v ON v.id = j.value {Rows.VersionJoins} ORDER BY j.key",
            Rows.Version,
            cancellationToken,
            ("$ids", json)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return [];
        }

        var aliases = (await s.QueryAsync(
            "SELECT version_id, alias FROM version_aliases WHERE version_id IN (SELECT value FROM json_each($ids)) ORDER BY alias",
            r => (Version: r.GetInt64(0), Alias: r.GetString(1)),
            cancellationToken,
            ("$ids", json)).ConfigureAwait(false)).ToLookup(a => a.Version, a => a.Alias);

        return [.. rows.Select(row => row.Record with
        {
            Aliases = [.. aliases[row.Record.Id], .. row.IsLatest ? new[] { NameRules.Latest } : []],
        })];
    }
}
