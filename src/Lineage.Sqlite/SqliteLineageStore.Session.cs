using System.Diagnostics;
using Lineage.Audit;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore : IStoreSessionSource
{
    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _database.WriteAsync(s => work(new Session(this, s)), cancellationToken);
    }

    public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _database.ReadAsync(s => work(new Session(this, s)), cancellationToken);
    }

    /// <summary>The application layer's view of one write transaction: SQL only, no decisions.</summary>
    private sealed partial class Session(SqliteLineageStore store, SqliteSession s) : IStoreSession
    {
        public DateTimeOffset Now() => Time.Parse(store.Now());

        public async Task<long?> FindNamespaceIdAsync(string name, CancellationToken cancellationToken)
        {
            if (s.KnownNamespaces.TryGetValue(name, out var known))
            {
                return known;
            }

            var found = await s.ScalarAsync<long?>("SELECT id FROM namespaces WHERE name = $n", cancellationToken, ("$n", name)).ConfigureAwait(false);
            if (found is { } id)
            {
                s.KnownNamespaces[name] = id;
            }

            return found;
        }

        public Task<long?> FindRegistryIdAsync(ProjectPath path, CancellationToken cancellationToken) =>
            s.ScalarAsync<long?>(
                "SELECT g.id FROM registries g JOIN namespaces n ON n.id = g.namespace_id WHERE n.name = $ns AND g.name = $n",
                cancellationToken, ("$ns", path.Namespace), ("$n", path.Project));

        public async Task<ProjectRecord?> FindProjectAsync(ProjectPath path, CancellationToken cancellationToken)
        {
            if (s.KnownProjects.TryGetValue(path, out var known))
            {
                return known;
            }

            var found = (await s.RecordsAsync(
                $"SELECT {Rows.ProjectColumns} FROM projects p {Rows.ProjectJoins} WHERE n.name = $ns AND p.name = $n",
                ProjectRecord.Read, cancellationToken, ("$ns", path.Namespace), ("$n", path.Project)).ConfigureAwait(false)).FirstOrDefault();
            if (found is not null)
            {
                s.KnownProjects[path] = found;
            }

            return found;
        }

        public async Task<ProjectRecord> InsertProjectAsync(long namespaceId, ProjectPath path, Actor actor, CancellationToken cancellationToken)
        {
            var at = store.Now();
            var id = await s.ScalarAsync<long>(
                "INSERT INTO projects (namespace_id, name, created_at, created_by) VALUES ($ns, $n, $t, $by) RETURNING id",
                cancellationToken, ("$ns", namespaceId), ("$n", path.Project), ("$t", at), ("$by", actor.Name)).ConfigureAwait(false);
            s.Added?.Projects.Add((id, namespaceId, path.ToString()));
            var project = new ProjectRecord(id, namespaceId, path.Namespace, path.Project, Time.Parse(at), actor.Name);
            s.KnownProjects[path] = project;
            return project;
        }

        public async Task<RunRecord?> FindRunAsync(RunPath path, CancellationToken cancellationToken)
        {
            if (s.KnownRuns.TryGetValue(path, out var known))
            {
                return known;
            }

            var found = await SqliteLineageStore.FindRunAsync(s, path, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                s.KnownRuns[path] = found;
            }

            return found;
        }

        public async Task<long> InsertRunAsync(ProjectRecord project, CreateRunCommand command, Actor actor, CancellationToken cancellationToken)
        {
            var (columns, values, fields) = RowFields.Insert(command.Fields);
            var id = await s.ScalarAsync<long>(
                $"INSERT INTO runs (project_id, name, state, created_at, created_by{columns}) VALUES ($p, $n, $s, $t, $by{values}) RETURNING id",
                cancellationToken,
                [
                    ("$p", project.Id),
                    ("$n", command.Run.Name),
                    ("$s", Rows.FormatState(RunState.Running)),
                    ("$t", store.Now()),
                    ("$by", actor.Name),
                    .. fields,
                ]).ConfigureAwait(false);
            s.Added?.Runs.Add((id, project.Id, command.Run.Name, command.JobType));
            return id;
        }

        public async Task<DateTimeOffset> UpdateRunStateAsync(RunRecord run, RunState state, CancellationToken cancellationToken)
        {
            var at = store.Now();
            await s.ExecuteAsync(
                "UPDATE runs SET state = $s, ended_at = $t WHERE id = $id",
                cancellationToken,
                ("$s", Rows.FormatState(state)),
                ("$t", at),
                ("$id", run.Id)).ConfigureAwait(false);
            var endedAt = Time.Parse(at);
            s.KnownRuns[new RunPath(run.Namespace, run.Project, run.Name)] = run with { State = state, EndedAt = endedAt };
            return endedAt;
        }

        public async Task<RunRecord> LoadRunAsync(long id, CancellationToken cancellationToken) =>
            (await LoadRunsAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];

        public async Task<ArtifactRecord?> FindArtifactAsync(ProjectKey project, string name, CancellationToken cancellationToken)
        {
            if (s.KnownArtifacts.TryGetValue((project.Id, name), out var known))
            {
                return known;
            }

            var found = (await s.RecordsAsync(
                $"SELECT {Rows.ArtifactColumns} FROM artifacts a {Rows.ArtifactJoins} WHERE a.project_id = $p AND a.name = $n",
                ArtifactRecord.Read, cancellationToken, ("$p", project.Id), ("$n", name)).ConfigureAwait(false)).FirstOrDefault();
            if (found is not null)
            {
                s.KnownArtifacts[(project.Id, name)] = found;
            }

            return found;
        }

        public async Task<ArtifactRecord> InsertArtifactAsync(ProjectKey project, string name, string type, CancellationToken cancellationToken)
        {
            var at = store.Now();
            var id = await s.ScalarAsync<long>(
                "INSERT INTO artifacts (project_id, name, type, created_at) VALUES ($p, $n, $t, $at) RETURNING id",
                cancellationToken, ("$p", project.Id), ("$n", name), ("$t", type), ("$at", at)).ConfigureAwait(false);
            s.Added?.Artifacts.Add((id, project.Id, name, type));
            var artifact = new ArtifactRecord(id, project.Id, project.NamespaceId, project.Namespace, project.Name, name, type, Time.Parse(at));
            s.KnownArtifacts[(project.Id, name)] = artifact;
            return artifact;
        }

        public async Task<(long Id, int Index)?> FindVersionByDigestAsync(long artifactId, string digest, CancellationToken cancellationToken)
        {
            var rows = await s.QueryAsync(
                "SELECT id, version_index FROM artifact_versions WHERE artifact_id = $a AND digest = $d",
                r => (Id: r.GetInt64(r.GetOrdinal("id")), Index: r.GetInt32(r.GetOrdinal("version_index"))),
                cancellationToken, ("$a", artifactId), ("$d", digest)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }

        public async Task<(long Id, int Index)> InsertVersionAsync(
            ArtifactRecord artifact, RunRecord run, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
        {
            var artifactId = artifact.Id;
            var (columns, values, fields) = RowFields.Insert(command.Fields);
            var (id, index) = (await s.QueryAsync(
                $"""
                INSERT INTO artifact_versions (artifact_id, version_index, digest, created_at, created_by, logged_by_run_id{columns})
                VALUES ($a, (SELECT COALESCE(MAX(version_index) + 1, 0) FROM artifact_versions WHERE artifact_id = $a), $d, $t, $by, $r{values})
                RETURNING id, version_index
                """,
                r => (r.GetInt64(r.GetOrdinal("id")), r.GetInt32(r.GetOrdinal("version_index"))),
                cancellationToken,
                [
                    ("$a", artifactId),
                    ("$d", command.Digest),
                    ("$t", store.Now()),
                    ("$by", actor.Name),
                    ("$r", run.Id),
                    .. fields,
                ]).ConfigureAwait(false))[0];
            s.Added?.Versions.Add((id, artifactId, index));
            foreach (var file in command.Files ?? [])
            {
                await s.ExecuteAsync(
                    "INSERT INTO version_files (version_id, path, digest, size) VALUES ($v, $p, $d, $s)",
                    cancellationToken, ("$v", id), ("$p", file.Path), ("$d", file.Digest), ("$s", file.Size)).ConfigureAwait(false);
            }

            return (id, index);
        }

        public Task<VersionRecord?> FindVersionAsync(VersionRef name, CancellationToken cancellationToken) =>
            SqliteLineageStore.FindVersionAsync(s, name, cancellationToken);

        public Task<VersionRecord> LoadVersionAsync(long id, CancellationToken cancellationToken) =>
            SqliteLineageStore.LoadVersionAsync(s, id, cancellationToken);

        public async Task<VersionRecord> LoadLinkAsync(long linkId, CancellationToken cancellationToken) =>
            (await LoadLinksAsync(s, [linkId], cancellationToken).ConfigureAwait(false))[0];

        public async Task<RegistryRecord> LoadRegistryAsync(long id, CancellationToken cancellationToken) =>
            (await LoadRegistriesAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];

        public async Task<CollectionRecord> LoadCollectionAsync(long id, CancellationToken cancellationToken) =>
            (await LoadCollectionsAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];

        public async Task<bool> HasEdgeAsync(EdgeKind kind, long runId, long versionId, CancellationToken cancellationToken) =>
            await s.ScalarAsync<long?>(
                $"SELECT seq FROM {EdgeTable(kind)} WHERE run_id = $r AND version_id = $v",
                cancellationToken, ("$r", runId), ("$v", versionId)).ConfigureAwait(false) is not null;

        public async Task InsertEdgeAsync(EdgeKind kind, long runId, long versionId, Actor actor, CancellationToken cancellationToken)
        {
            var seq = await s.ScalarAsync<long>(
                $"INSERT INTO {EdgeTable(kind)} (run_id, version_id, created_at, created_by) VALUES ($r, $v, $t, $by) RETURNING seq",
                cancellationToken, ("$r", runId), ("$v", versionId), ("$t", store.Now()), ("$by", actor.Name)).ConfigureAwait(false);
            s.Added?.Edges(kind).Add((seq, runId, versionId));
            var edge = LineageEdge.Of(kind, runId, versionId);
            s.PendingEdges.Add(edge);

            // A checked edge is in order already; a new version's first edge places it after its run.
            store._graph.Places([edge.From, edge.To]);
        }

        public async Task<IReadOnlyList<NodeRef>?> FindCycleAsync(NodeRef from, NodeRef to, CancellationToken cancellationToken)
        {
            // The graph was brought up to date when the transaction began; its own edges are pending.
            var started = Stopwatch.GetTimestamp();
            var cycle = await CycleGuard.FindCycleAsync(new GraphIndexReader(store._graph, s.PendingEdges), from, to, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref store._cycleChecks);
            Interlocked.Add(ref store._cycleCheckTicks, Stopwatch.GetTimestamp() - started);
            return cycle;
        }

        public Task<IReadOnlyDictionary<NodeRef, NodeDescription>> DescribeAsync(IReadOnlyCollection<NodeRef> nodes, CancellationToken cancellationToken) =>
            DescribeNodesAsync(s, nodes, cancellationToken);

        public Task<AuditSubject?> FindAliasHolderAsync(AliasScope scope, string alias, CancellationToken cancellationToken) =>
            SqliteLineageStore.FindAliasHolderAsync(s, scope, alias, cancellationToken);

        public Task<long> CountAliasesHeldAsync(AliasScope scope, long holderId, CancellationToken cancellationToken)
        {
            var table = AliasTable.Of(scope);
            return s.ScalarAsync<long>($"SELECT COUNT(*) FROM {table.Name} WHERE {table.HolderColumn} = $holder", cancellationToken, ("$holder", holderId));
        }

        public async Task SetAliasAsync(AliasScope scope, string alias, long holderId, Actor actor, CancellationToken cancellationToken)
        {
            var table = AliasTable.Of(scope);
            await s.ExecuteAsync(
                $"""
                INSERT INTO {table.Name} ({table.ScopeColumn}, alias, {table.HolderColumn}, created_at, created_by)
                VALUES ($scope, $alias, $holder, $t, $by)
                ON CONFLICT ({table.ScopeColumn}, alias) DO UPDATE
                    SET {table.HolderColumn} = excluded.{table.HolderColumn}, created_at = excluded.created_at, created_by = excluded.created_by
                """,
                cancellationToken, ("$scope", scope.TargetId), ("$alias", alias), ("$holder", holderId), ("$t", store.Now()), ("$by", actor.Name)).ConfigureAwait(false);
        }

        public async Task DeleteAliasAsync(AliasScope scope, string alias, CancellationToken cancellationToken)
        {
            var table = AliasTable.Of(scope);
            await s.ExecuteAsync(
                $"DELETE FROM {table.Name} WHERE {table.ScopeColumn} = $scope AND alias = $alias",
                cancellationToken, ("$scope", scope.TargetId), ("$alias", alias)).ConfigureAwait(false);
        }

        public Task<AuditChainHead> ReadChainHeadAsync(AuditTargetKind kind, long targetId, CancellationToken cancellationToken) =>
            SqliteLineageStore.ReadChainHeadAsync(s, kind, targetId, cancellationToken);

        public Task InsertEventAsync(AuditEventRecord record, CancellationToken cancellationToken) =>
            SqliteLineageStore.InsertEventAsync(s, record, cancellationToken);
    }

    /// <summary>Where an alias scope's aliases are stored.</summary>
    private sealed record AliasTable(string Name, string ScopeColumn, string HolderColumn)
    {
        public static AliasTable Of(AliasScope scope) => scope.Kind == AuditTargetKind.Artifact
            ? new("version_aliases", "artifact_id", "version_id")
            : new("link_aliases", "collection_id", "link_id");
    }
}
