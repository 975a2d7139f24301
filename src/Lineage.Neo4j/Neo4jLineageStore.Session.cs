using Lineage.Audit;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore : IStoreSessionSource
{
    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TransactAsync(s => work(new Session(this, s)), cancellationToken);
    }

    public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return ReadAsync(s => work(new Session(this, s)), cancellationToken);
    }

    /// <summary>The application layer's view of one write transaction: statements of cypher/ only, no decisions.</summary>
    private sealed partial class Session(Neo4jLineageStore store, Neo4jSession s) : IStoreSession
    {
        public DateTimeOffset Now() => Cypher.ParseTime(store.Now());

        public async Task<long?> FindNamespaceIdAsync(string name, CancellationToken cancellationToken) =>
            (await Neo4jLineageStore.FindNamespaceAsync(s, name, cancellationToken).ConfigureAwait(false))?.Id;

        public async Task<long?> FindRegistryIdAsync(ProjectPath path, CancellationToken cancellationToken) =>
            (await Neo4jLineageStore.FindRegistryAsync(s, path, cancellationToken).ConfigureAwait(false))?.Id;

        public Task<ProjectRecord?> FindProjectAsync(ProjectPath path, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindProjectAsync(s, path, cancellationToken);

        public async Task<ProjectRecord> InsertProjectAsync(long namespaceId, ProjectPath path, Actor actor, CancellationToken cancellationToken)
        {
            var at = store.Now();
            var row = await s.RowAsync(
                "projects/create",
                cancellationToken,
                ("namespaceId", namespaceId),
                ("namespace", path.Namespace),
                ("name", path.Project),
                ("path", path.ToString()),
                ("at", at),
                ("by", actor.Name)).ConfigureAwait(false);
            return new ProjectRecord(row!.Long("id"), namespaceId, path.Namespace, path.Project, Cypher.ParseTime(at), actor.Name);
        }

        public Task<RunRecord?> FindRunAsync(RunPath path, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindRunAsync(s, path, cancellationToken);

        public async Task<long> InsertRunAsync(ProjectRecord project, CreateRunCommand command, Actor actor, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "runs/create",
                cancellationToken,
                ("projectId", project.Id),
                ("namespaceId", project.NamespaceId),
                ("namespace", project.Namespace),
                ("project", project.Name),
                ("name", command.Run.Name),
                ("path", command.Run.ToString()),
                ("fields", MapFields.Of(command.Fields)),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            return row!.Long("id");
        }

        public async Task<DateTimeOffset> UpdateRunStateAsync(RunRecord run, RunState state, CancellationToken cancellationToken)
        {
            var at = store.Now();
            await s.RunAsync("runs/finish", cancellationToken, ("id", run.Id), ("state", FormatState(state)), ("at", at)).ConfigureAwait(false);
            return Cypher.ParseTime(at);
        }

        public async Task<RunRecord> LoadRunAsync(long id, CancellationToken cancellationToken) =>
            (await LoadRunsAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];

        public async Task<ArtifactRecord?> FindArtifactAsync(ProjectKey project, string name, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync("artifacts/by-path", cancellationToken, ("path", $"{project.Namespace}/{project.Name}/{name}")).ConfigureAwait(false);
            return row is null ? null : Records.Artifact(row["artifact"]);
        }

        public async Task<ArtifactRecord> InsertArtifactAsync(ProjectKey project, string name, string type, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "artifacts/create",
                cancellationToken,
                ("projectId", project.Id),
                ("namespaceId", project.NamespaceId),
                ("namespace", project.Namespace),
                ("project", project.Name),
                ("name", name),
                ("path", $"{project.Namespace}/{project.Name}/{name}"),
                ("type", type),
                ("at", store.Now())).ConfigureAwait(false);
            return Records.Artifact(row!["artifact"]);
        }

        public async Task<(long Id, int Index)?> FindVersionByDigestAsync(long artifactId, string digest, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync("versions/by-digest", cancellationToken, ("artifactId", artifactId), ("digest", digest)).ConfigureAwait(false);
            return row is null ? null : (row.Long("id"), (int)row.Long("versionIndex"));
        }

        public async Task<(long Id, int Index)> InsertVersionAsync(
            ArtifactRecord artifact, RunRecord run, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "versions/create",
                cancellationToken,
                ("artifactId", artifact.Id),
                ("projectId", artifact.ProjectId),
                ("namespaceId", artifact.NamespaceId),
                ("namespace", artifact.Namespace),
                ("project", artifact.Project),
                ("artifactName", artifact.Name),
                ("type", artifact.Type),
                ("digest", command.Digest),
                ("fields", MapFields.Of(command.Fields)),
                ("runId", run.Id),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            var id = row!.Long("id");
            if (command.Files is { Count: > 0 } files)
            {
                await s.RunAsync(
                    "versions/add-files",
                    cancellationToken,
                    ("versionId", id),
                    ("files", files.Select(f => new Dictionary<string, object> { ["path"] = f.Path, ["digest"] = f.Digest, ["size"] = f.Size }).ToArray())).ConfigureAwait(false);
            }

            return (id, (int)row.Long("versionIndex"));
        }

        public Task<VersionRecord?> FindVersionAsync(VersionRef name, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindVersionAsync(s, name, cancellationToken);

        public Task<VersionRecord> LoadVersionAsync(long id, CancellationToken cancellationToken) =>
            Neo4jLineageStore.LoadVersionAsync(s, id, cancellationToken);

        public async Task<VersionRecord> LoadLinkAsync(long linkId, CancellationToken cancellationToken) =>
            (await LoadLinksAsync(s, [linkId], cancellationToken).ConfigureAwait(false))[0];

        public async Task<RegistryRecord> LoadRegistryAsync(long id, CancellationToken cancellationToken) =>
            (await LoadRegistriesAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];

        public async Task<CollectionRecord> LoadCollectionAsync(long id, CancellationToken cancellationToken) =>
            (await LoadCollectionsAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];

        public async Task<bool> HasEdgeAsync(EdgeKind kind, long runId, long versionId, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(kind == EdgeKind.Used ? "edges/used-exists" : "edges/logged-exists", cancellationToken, ("runId", runId), ("versionId", versionId)).ConfigureAwait(false);
            return row!.Bool("known");
        }

        public async Task InsertEdgeAsync(EdgeKind kind, long runId, long versionId, Actor actor, CancellationToken cancellationToken) =>
            await s.RunAsync(kind == EdgeKind.Used ? "edges/create-used" : "edges/create-logged", cancellationToken, ("runId", runId), ("versionId", versionId), ("at", store.Now()), ("by", actor.Name)).ConfigureAwait(false);

        /// <summary>Reads the two ends' places and, when they are out of order, searches between them one level per statement, inside the transaction that holds the write lock.</summary>
        public Task<IReadOnlyList<NodeRef>?> FindCycleAsync(NodeRef from, NodeRef to, CancellationToken cancellationToken) =>
            CycleGuard.FindCycleAsync(new CypherOrderedGraph(s), from, to, cancellationToken);

        public async Task<IReadOnlyDictionary<NodeRef, NodeDescription>> DescribeAsync(IReadOnlyCollection<NodeRef> nodes, CancellationToken cancellationToken) =>
            (await Neo4jLineageStore.DescribeAsync(s, nodes, cancellationToken).ConfigureAwait(false))
                .ToDictionary(n => n.Key, n => new NodeDescription(n.Value.Name, n.Value.Path, n.Value.Type, n.Value.NamespaceId));

        public Task<AuditSubject?> FindAliasHolderAsync(AliasScope scope, string alias, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindAliasHolderAsync(s, scope, alias, cancellationToken);

        public async Task<long> CountAliasesHeldAsync(AliasScope scope, long holderId, CancellationToken cancellationToken) =>
            (await s.RowAsync("aliases/count-held", cancellationToken, ("scopeKind", AuditChain.TargetKindName(scope.Kind)), ("holderId", holderId)).ConfigureAwait(false))!
                .Long("held");

        public async Task SetAliasAsync(AliasScope scope, string alias, long holderId, Actor actor, CancellationToken cancellationToken) =>
            await s.RunAsync(
                "aliases/set",
                cancellationToken,
                ("key", AliasKey(scope, alias)),
                ("scopeKind", AuditChain.TargetKindName(scope.Kind)),
                ("scopeId", scope.TargetId),
                ("alias", alias),
                ("holderId", holderId),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);

        public async Task DeleteAliasAsync(AliasScope scope, string alias, CancellationToken cancellationToken) =>
            await s.RunAsync("aliases/delete", cancellationToken, ("key", AliasKey(scope, alias))).ConfigureAwait(false);

        public Task<AuditChainHead> ReadChainHeadAsync(AuditTargetKind kind, long targetId, CancellationToken cancellationToken) =>
            Neo4jLineageStore.ReadChainHeadAsync(s, kind, targetId, cancellationToken);

        public Task InsertEventAsync(AuditEventRecord record, CancellationToken cancellationToken) =>
            Neo4jLineageStore.InsertEventAsync(s, record, cancellationToken);
    }
}
