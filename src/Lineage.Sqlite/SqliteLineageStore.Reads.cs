using System.Diagnostics;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    public Task<IReadOnlyList<ProjectRecord>> GetProjectsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        CachedAsync(
            _projects,
            ids,
            (s, missing, ct) => s.RecordsAsync(
                $"SELECT {Rows.ProjectColumns} FROM json_each($ids) j JOIN projects p ON p.id = j.value {Rows.ProjectJoins}",
                ProjectRecord.Read,
                ct,
                ("$ids", Rows.Ids(missing))),
            p => p.Id,
            cancellationToken);

    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        CachedAsync(_runs, ids, LoadRunsAsync, r => r.Id, cancellationToken);

    public Task<IReadOnlyList<ArtifactRecord>> GetArtifactsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        CachedAsync(
            _artifacts,
            ids,
            (s, missing, ct) => s.RecordsAsync(
                $"SELECT {Rows.ArtifactColumns} FROM json_each($ids) j JOIN artifacts a ON a.id = j.value {Rows.ArtifactJoins}",
                ArtifactRecord.Read,
                ct,
                ("$ids", Rows.Ids(missing))),
            a => a.Id,
            cancellationToken);

    public Task<IReadOnlyList<VersionRecord>> GetVersionsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        CachedAsync(_versions, ids, LoadVersionsAsync, v => v.Id, cancellationToken);

    /// <summary>
    /// Records by id, in the order asked, those read lately from <paramref name="cache"/> and the
    /// rest in one read. Inside a unit that has written, every record is read: only its
    /// transaction holds what it changed.
    /// </summary>
    private async Task<IReadOnlyList<T>> CachedAsync<T>(
        RecordCache<T> cache,
        IReadOnlyCollection<long> ids,
        Func<SqliteSession, IReadOnlyCollection<long>, CancellationToken, Task<List<T>>> load,
        Func<T, long> idOf,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (_database.InUnitThatWrote)
        {
            return await _database.ReadAsync(s => load(s, ids, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        // Taken before the read: a write committed while it runs leaves its records unserved.
        var (epoch, readAt) = (_database.WriteEpoch, Stopwatch.GetTimestamp());
        var found = new Dictionary<long, T>(ids.Count);
        List<long>? missing = null;
        foreach (var id in ids)
        {
            if (cache.TryGet(id, epoch, out var record))
            {
                found[id] = record;
            }
            else
            {
                (missing ??= []).Add(id);
            }
        }

        if (missing is not null)
        {
            foreach (var record in await _database.ReadAsync(s => load(s, missing, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                found[idOf(record)] = record;
                cache.Put(idOf(record), record, epoch, readAt);
            }
        }

        var records = new List<T>(ids.Count);
        foreach (var id in ids)
        {
            if (found.TryGetValue(id, out var record))
            {
                records.Add(record);
            }
        }

        return records;
    }

    public Task<IReadOnlyDictionary<long, Page<long>>> GetPagesAsync(
        Relation relation, IReadOnlyCollection<long> parentIds, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parentIds);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(access);
        if (parentIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<long, Page<long>>>(new Dictionary<long, Page<long>>());
        }

        if (EdgeRelation(relation) is { } edges && !_database.InUnitThatWrote)
        {
            return EdgePagesAsync(relation, edges.Kind, edges.Edge, edges.Direction, parentIds, page, access, cancellationToken);
        }

        return StoredPagesAsync(relation, parentIds, page, access, cancellationToken);
    }

    private Task<IReadOnlyDictionary<long, Page<long>>> StoredPagesAsync(
        Relation relation, IReadOnlyCollection<long> parentIds, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        var (table, parent, child, key) = Shape(relation);
        var (joins, visible) = VisibleChildren(relation, access);
        var limit = page.First + 1;

        // One parent, the common case, walks its index in key order and stops after the page.
        // Many parents share one statement, paged per parent by a window function.
        var sql = parentIds.Count == 1
            ? $"SELECT t.{parent}, t.{child}, t.{key} FROM {table} t {joins} WHERE t.{parent} = $one AND t.{key} > $after AND {visible} ORDER BY t.{key} {Rows.Limit("$limit")}"
            : $"""
              SELECT parent, child, key FROM (
                  SELECT t.{parent} AS parent, t.{child} AS child, t.{key} AS key,
                         ROW_NUMBER() OVER (PARTITION BY t.{parent} ORDER BY t.{key}) AS rn
                  FROM {table} t {joins}
                  WHERE t.{parent} IN (SELECT value FROM json_each($ids)) AND t.{key} > $after AND {visible})
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
                ("$limit", limit),
                Rows.VisibleParameter(access),
                ("$registries", Rows.VisibleRegistries(access))).ConfigureAwait(false);

            return Paging.Group(rows, parentIds, page.First);
        }, cancellationToken, oneStatement: true);
    }

    public Task<IReadOnlyDictionary<long, int>> CountAsync(
        Relation relation, IReadOnlyCollection<long> parentIds, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parentIds);
        ArgumentNullException.ThrowIfNull(access);
        if (EdgeRelation(relation) is { } edges && !_database.InUnitThatWrote)
        {
            return CountEdgesAsync(edges.Kind, edges.Direction, parentIds, access, cancellationToken);
        }

        if (relation is Relation.ProjectRuns or Relation.ProjectArtifacts && !_database.InUnitThatWrote)
        {
            return CountHeldAsync(relation, relation == Relation.ProjectRuns ? NodeKind.Run : NodeKind.Artifact, parentIds, access, cancellationToken);
        }

        return CountStoredAsync(relation, parentIds, access, cancellationToken);
    }

    /// <summary>A project's runs or artifacts counted in the in-memory graph, which counts them by type as they arrive.</summary>
    private async Task<IReadOnlyDictionary<long, int>> CountHeldAsync(
        Relation relation, NodeKind kind, IReadOnlyCollection<long> parentIds, Access access, CancellationToken cancellationToken)
    {
        await EnsureGraphCurrentAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<long, int>();
        foreach (var id in parentIds)
        {
            if (_graph.CountByType(kind, id, types: null) is not { } held)
            {
                return await CountStoredAsync(relation, parentIds, access, cancellationToken).ConfigureAwait(false);
            }

            counts[id] = held;
        }

        return counts;
    }

    private Task<IReadOnlyDictionary<long, int>> CountStoredAsync(Relation relation, IReadOnlyCollection<long> parentIds, Access access, CancellationToken cancellationToken)
    {
        var (table, parent, _, _) = Shape(relation);
        var (joins, visible) = VisibleChildren(relation, access);
        return _database.ReadAsync<IReadOnlyDictionary<long, int>>(async s =>
        {
            var rows = await s.QueryAsync(
                $"SELECT t.{parent}, COUNT(*) FROM {table} t {joins} WHERE t.{parent} IN (SELECT value FROM json_each($ids)) AND {visible} GROUP BY t.{parent}",
                r => (Parent: r.GetInt64(0), Count: r.GetInt32(1)),
                cancellationToken,
                ("$ids", Rows.Ids(parentIds)),
                Rows.VisibleParameter(access),
                ("$registries", Rows.VisibleRegistries(access))).ConfigureAwait(false);
            return Paging.Counts(rows, parentIds);
        }, cancellationToken, oneStatement: true);
    }

    /// <summary>
    /// A run's or version's edges counted in the in-memory graph: a hub's fan-out is counted
    /// without reading its rows or joining each neighbour's project to check who may see it.
    /// </summary>
    private async Task<IReadOnlyDictionary<long, int>> CountEdgesAsync(
        NodeKind kind, WalkDirection direction, IReadOnlyCollection<long> parentIds, Access access, CancellationToken cancellationToken)
    {
        await EnsureGraphCurrentAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<long, int>();
        foreach (var id in parentIds)
        {
            counts[id] = _graph.CountNeighbours(new NodeRef(kind, id), direction, access);
        }

        return counts;
    }

    /// <summary>
    /// Pages of a run's or version's edges read from the in-memory graph, which holds each
    /// edge's position in the store's order: a hub's first page costs as much as any other's,
    /// with no statement run and no neighbour's project joined to check who may see it.
    /// </summary>
    private async Task<IReadOnlyDictionary<long, Page<long>>> EdgePagesAsync(
        Relation relation, NodeKind kind, EdgeKind edgeKind, WalkDirection direction, IReadOnlyCollection<long> parentIds, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        await EnsureGraphCurrentAsync(cancellationToken).ConfigureAwait(false);
        var pages = new Dictionary<long, Page<long>>(parentIds.Count);
        foreach (var id in parentIds)
        {
            if (_graph.NeighbourPage(new NodeRef(kind, id), edgeKind, direction, page, access) is not { } held)
            {
                return await StoredPagesAsync(relation, parentIds, page, access, cancellationToken).ConfigureAwait(false);
            }

            pages[id] = held;
        }

        return pages;
    }

    /// <summary>The node kind, edge kind and walk direction whose neighbours an edge relation lists; null for the other relations.</summary>
    private static (NodeKind Kind, EdgeKind Edge, WalkDirection Direction)? EdgeRelation(Relation relation) => relation switch
    {
        Relation.UsedBy => (NodeKind.Artifact, EdgeKind.Used, WalkDirection.Downstream),
        Relation.Loggers => (NodeKind.Artifact, EdgeKind.Logged, WalkDirection.Upstream),
        Relation.UsedArtifacts => (NodeKind.Run, EdgeKind.Used, WalkDirection.Upstream),
        Relation.LoggedArtifacts => (NodeKind.Run, EdgeKind.Logged, WalkDirection.Downstream),
        _ => null,
    };

    public Task<Page<VersionFile>> GetFilesAsync(long versionId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return _database.ReadAsync(async s =>
        {
            var rows = await s.QueryAsync(
                $"SELECT id, path, digest, size FROM version_files WHERE version_id = $v AND id > $after ORDER BY id {Rows.Limit("$limit")}",
                r => new PageItem<VersionFile>(new VersionFile(r.GetString(1), r.GetString(2), r.GetInt64(3)), r.GetInt64(0)),
                cancellationToken,
                ("$v", versionId),
                ("$after", page.AfterKey),
                ("$limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }, cancellationToken, oneStatement: true);
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
        Relation.NamespaceProjects => ("projects", "namespace_id", "id", "id"),
        Relation.NamespaceRegistries => ("registries", "namespace_id", "id", "id"),
        Relation.RegistryCollections => ("collections", "registry_id", "id", "id"),
        Relation.CollectionLinks => ("collection_links", "collection_id", "id", "id"),
        Relation.VersionLinks => ("collection_links", "source_version_id", "id", "id"),
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };

    /// <summary>
    /// The joins and condition that keep children the caller may not see out of a page of
    /// <paramref name="relation"/>. Edges cross projects, so a version's users or a run's
    /// inputs may live in namespaces the caller has no role in; the other relations stay
    /// inside their parent's namespace, which the caller could already see.
    /// </summary>
    private static (string Joins, string Condition) VisibleChildren(Relation relation, Access access)
    {
        if (access.IsAdministrator)
        {
            return ("", "1");
        }

        return relation switch
        {
            Relation.UsedBy or Relation.Loggers =>
                ("JOIN runs c ON c.id = t.run_id JOIN projects cp ON cp.id = c.project_id", Rows.Visible(access, "cp.namespace_id")),
            Relation.UsedArtifacts or Relation.LoggedArtifacts =>
                ("JOIN artifact_versions c ON c.id = t.version_id JOIN artifacts ca ON ca.id = c.artifact_id JOIN projects cp ON cp.id = ca.project_id",
                 Rows.Visible(access, "cp.namespace_id")),
            Relation.NamespaceRegistries => ("", "t.id IN (SELECT value FROM json_each($registries))"),
            Relation.VersionLinks =>
                ("JOIN collections c ON c.id = t.collection_id", "c.registry_id IN (SELECT value FROM json_each($registries))"),
            _ => ("", "1"),
        };
    }

    /// <summary>A version of a project artifact or, when the path names a registry, a linked version.</summary>
    private static async Task<VersionRecord?> FindVersionAsync(SqliteSession s, VersionRef name, CancellationToken cancellationToken)
    {
        // What an explicit index names never changes; aliases and latest may, within a transaction too.
        if (s.KnownVersions.TryGetValue(name, out var known))
        {
            return known;
        }

        var found = await ResolveVersionAsync(s, name, cancellationToken).ConfigureAwait(false);
        if (found is not null && name.Selector.Index is not null)
        {
            s.KnownVersions[name] = found;
        }

        return found;
    }

    private static async Task<VersionRecord?> ResolveVersionAsync(SqliteSession s, VersionRef name, CancellationToken cancellationToken)
    {
        // Projects and registries of one owner never share a name, so at most one of these finds it.
        if (await ResolveIdAsync(s, name, Numbering.ArtifactVersions, cancellationToken).ConfigureAwait(false) is { } id)
        {
            return await LoadVersionAsync(s, id, cancellationToken).ConfigureAwait(false);
        }

        return await ResolveIdAsync(s, name, Numbering.CollectionLinks, cancellationToken).ConfigureAwait(false) is { } linkId
            ? (await LoadLinksAsync(s, [linkId], cancellationToken).ConfigureAwait(false))[0]
            : null;
    }

    /// <summary>The id a name's selector picks among the versions of an artifact, or the links of a collection.</summary>
    private static Task<long?> ResolveIdAsync(SqliteSession s, VersionRef name, Numbering numbering, CancellationToken cancellationToken)
    {
        var (container, table, scope, index, aliases, holder) = numbering;
        var sql = name.Selector switch
        {
            { Index: not null } => $"SELECT id FROM {table} WHERE {scope} = ({container}) AND {index} = $sel",
            { IsLatest: true } => $"SELECT id FROM {table} WHERE {scope} = ({container}) ORDER BY {index} DESC LIMIT 1",
            _ => $"SELECT {holder} FROM {aliases} WHERE {scope} = ({container}) AND alias = $sel",
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
        var rows = await s.RecordsAsync(
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

    /// <summary>
    /// How the versions of one kind of container are numbered and aliased: the container found
    /// by <c>$ns/$p/$a</c>, its numbered rows, and its alias table.
    /// </summary>
    private sealed record Numbering(string Container, string Table, string Scope, string Index, string Aliases, string Holder)
    {
        public static Numbering ArtifactVersions { get; } = new(
            """
            SELECT a.id FROM artifacts a JOIN projects p ON p.id = a.project_id JOIN namespaces n ON n.id = p.namespace_id
            WHERE n.name = $ns AND p.name = $p AND a.name = $a
            """,
            "artifact_versions", "artifact_id", "version_index", "version_aliases", "version_id");

        public static Numbering CollectionLinks { get; } = new(
            """
            SELECT c.id FROM collections c JOIN registries g ON g.id = c.registry_id JOIN namespaces n ON n.id = g.namespace_id
            WHERE n.name = $ns AND g.name = $p AND c.name = $a
            """,
            "collection_links", "collection_id", "link_index", "link_aliases", "link_id");
    }
}
