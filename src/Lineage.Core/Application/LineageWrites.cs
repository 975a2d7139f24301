using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Application;

/// <summary>
/// Runs, the versions they log and use, and the aliases of versions: every rule these writes
/// follow (roles, names, run states, cycle refusal, alias moves, audit recording), applied once
/// over any store. Each call is one transaction: it applies whole or raises a
/// <see cref="LineageException"/> and stores nothing.
/// </summary>
public sealed class LineageWrites(IStoreSessionSource store)
{
    public Task<RunRecord> CreateRunAsync(CreateRunCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(
            async s => await s.LoadRunAsync(await CreateRunAsync(s, command, actor, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>Ends a running run as finished, failed or crashed; a run ends once.</summary>
    public Task<RunRecord> FinishRunAsync(FinishRunCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(
            async s =>
            {
                var run = await RequireRunAsync(s, command.Run, actor.Access, cancellationToken).ConfigureAwait(false);
                if (run.State != RunState.Running)
                {
                    throw new ConflictException($"run '{run.Path}' has already ended as {run.State.ToString().ToUpperInvariant()}");
                }

                var endedAt = await s.UpdateRunStateAsync(run, command.State, cancellationToken).ConfigureAwait(false);
                return run with { State = command.State, EndedAt = endedAt };
            },
            cancellationToken);
    }

    /// <summary>Logs a version, or records one more logger when the digest already exists.</summary>
    public Task<VersionRecord> LogArtifactAsync(LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(
            async s => await s.LoadVersionAsync(await LogArtifactAsync(s, command, actor, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<VersionRecord> UseArtifactAsync(UseArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(s => UseArtifactAsync(s, command, actor, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Applies many writes in one transaction, in order, each checked exactly as if it were
    /// made alone (roles, names, cycles); a refused write refuses the whole batch with a
    /// <see cref="BatchWriteException"/>. For loading history and for heavy writers.
    /// </summary>
    public Task<IngestResult> IngestAsync(IReadOnlyList<ILineageWrite> writes, Actor actor, CancellationToken cancellationToken)
    {
        IngestRunner.CheckSize(writes);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(
            async s =>
            {
                var added = new Tally();
                var runs = await IngestRunner.ApplyAsync(
                    writes,
                    run => CreateRunAsync(s, run, actor, cancellationToken),
                    log => LogArtifactAsync(s, log, actor, cancellationToken, added),
                    use => UseArtifactAsync(s, use, actor, cancellationToken, added)).ConfigureAwait(false);
                return new IngestResult(runs, added.Versions, added.Edges);
            },
            cancellationToken);
    }

    /// <summary>Gives the alias to the version, taking it from whichever version held it.</summary>
    public Task<VersionRecord> AddAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(
            async s =>
            {
                var (version, scope) = await RequireAliasTargetAsync(s, command, actor.Access, cancellationToken).ConfigureAwait(false);
                await AliasMoves.MoveAsync(s, scope, AliasMoves.Subject(version), command.Alias, command.ExpectedVersion, actor, cancellationToken).ConfigureAwait(false);
                return await ReloadAsync(s, version, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<VersionRecord> RemoveAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return store.WriteAsync(
            async s =>
            {
                var (version, scope) = await RequireAliasTargetAsync(s, command, actor.Access, cancellationToken).ConfigureAwait(false);
                await AliasMoves.TakeAsync(s, scope, AliasMoves.Subject(version), version.QualifiedName, command.Alias, command.ExpectedVersion, actor, cancellationToken).ConfigureAwait(false);
                return await ReloadAsync(s, version, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// The named version, if the caller's role allows <paramref name="permission"/> in the
    /// namespace of a project version, or <paramref name="registryPermission"/> in the registry
    /// of a linked version.
    /// </summary>
    public static async Task<VersionRecord> RequireVersionAsync(
        IStoreSession session, VersionRef name, Access access, Permission permission, Permission registryPermission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(access);
        var version = await session.FindVersionAsync(name, cancellationToken).ConfigureAwait(false) ?? throw Missing.Version(name);
        if (version.Link is { } link)
        {
            access.RequireRegistry(link.RegistryId, $"{version.Namespace}/{version.Project}", registryPermission, Missing.Version(name).Message);
        }
        else
        {
            access.RequireNamespace(version.NamespaceId, version.Namespace, permission, Missing.Version(name).Message);
        }

        return version;
    }

    private static async Task<long> CreateRunAsync(IStoreSession s, CreateRunCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var project = await EnsureProjectAsync(s, command.Run.ProjectPath, actor, cancellationToken).ConfigureAwait(false);
        if (await s.FindRunAsync(command.Run, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ConflictException($"run '{command.Run}' already exists");
        }

        return await s.InsertRunAsync(project, command, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Projects come into being on first use, as <c>wandb.init</c> does, for the MEMBERs of an
    /// existing namespace. Namespaces are never made here: only by createNamespace.
    /// </summary>
    internal static async Task<ProjectRecord> EnsureProjectAsync(IStoreSession s, ProjectPath path, Actor actor, CancellationToken cancellationToken)
    {
        var namespaceId = await s.FindNamespaceIdAsync(path.Namespace, cancellationToken).ConfigureAwait(false)
            ?? throw IdentityRules.NamespaceToCreateFirst(path.Namespace, actor);
        actor.Access.RequireNamespace(namespaceId, path.Namespace, Permission.WriteNamespace, Missing.Namespace(path.Namespace).Message);
        if (await s.FindProjectAsync(path, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        if (await s.FindRegistryIdAsync(path, cancellationToken).ConfigureAwait(false) is { } registry)
        {
            throw IdentityRules.ProjectNameTaken(path, actor.Access.CanSeeRegistry(registry));
        }

        return await s.InsertProjectAsync(namespaceId, path, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The named run, if the caller may write in its namespace.</summary>
    private static async Task<RunRecord> RequireRunAsync(IStoreSession s, RunPath path, Access access, CancellationToken cancellationToken)
    {
        var run = await s.FindRunAsync(path, cancellationToken).ConfigureAwait(false) ?? throw Missing.Run(path);
        access.RequireNamespace(run.NamespaceId, run.Namespace, Permission.WriteNamespace, Missing.Run(path).Message);
        return run;
    }

    /// <summary>Logs a version or records one more logger of it; returns the version's id.</summary>
    private static async Task<long> LogArtifactAsync(
        IStoreSession s, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken, Tally? added = null)
    {
        var run = await RequireRunAsync(s, command.Run, actor.Access, cancellationToken).ConfigureAwait(false);
        RunRules.RequireRunning(run, "log artifacts");
        var artifact = await EnsureArtifactAsync(s, run.ProjectKey, command, cancellationToken).ConfigureAwait(false);
        return await RecordLoggedAsync(s, run, artifact, command, actor, added, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records that <paramref name="run"/> logged the command's content in <paramref name="artifact"/>:
    /// a new version (audited), or, when a version has the same digest, one more logger of it.
    /// The caller has checked the run and the artifact. Returns the version's id.
    /// </summary>
    internal static async Task<long> RecordLoggedAsync(
        IStoreSession s, RunRecord run, ArtifactRecord artifact, LogArtifactCommand command, Actor actor, Tally? added, CancellationToken cancellationToken)
    {
        var found = await s.FindVersionByDigestAsync(artifact.Id, command.Digest, cancellationToken).ConfigureAwait(false);
        long versionId;
        int versionIndex;
        if (found is { } same)
        {
            // Same content: no new version, the run becomes one more logger of it.
            // The new edge run → version is the one write here that can close a cycle.
            (versionId, versionIndex) = same;
            await AddEdgeAsync(s, EdgeKind.Logged, run.Id, versionId, actor, added, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            (versionId, versionIndex) = await s.InsertVersionAsync(artifact, run, command, actor, cancellationToken).ConfigureAwait(false);
            await s.InsertEdgeAsync(EdgeKind.Logged, run.Id, versionId, actor, cancellationToken).ConfigureAwait(false);
            added?.Add(versions: 1, edges: 1);
        }

        var scope = AliasScope.OfArtifact(artifact.Id, artifact.Path);
        var subject = new AuditSubject(versionId, $"v{versionIndex}", null);
        if (found is null)
        {
            await AuditLog.AppendAsync(s, scope, AuditAction.VersionLogged, subject, null, actor, cancellationToken).ConfigureAwait(false);
        }

        foreach (var alias in command.Aliases.Distinct(StringComparer.Ordinal))
        {
            await AliasMoves.MoveAsync(s, scope, subject, alias, expectedVersion: null, actor, cancellationToken).ConfigureAwait(false);
        }

        return versionId;
    }

    private static async Task<ArtifactRecord> EnsureArtifactAsync(IStoreSession s, ProjectKey project, LogArtifactCommand command, CancellationToken cancellationToken)
    {
        if (await s.FindArtifactAsync(project, command.Name, cancellationToken).ConfigureAwait(false) is not { } existing)
        {
            return await s.InsertArtifactAsync(project, command.Name, command.Type, cancellationToken).ConfigureAwait(false);
        }

        return existing.Type == command.Type
            ? existing
            : throw new ConflictException($"artifact '{existing.Path}' has type '{existing.Type}', not '{command.Type}'");
    }

    private static async Task<VersionRecord> UseArtifactAsync(
        IStoreSession s, UseArtifactCommand command, Actor actor, CancellationToken cancellationToken, Tally? added = null)
    {
        var run = await RequireRunAsync(s, command.Run, actor.Access, cancellationToken).ConfigureAwait(false);
        RunRules.RequireRunning(run, "use artifacts");

        // A linked version is used through its registry, and its source gets the edge.
        var version = await RequireVersionAsync(s, command.Artifact, actor.Access, Permission.ReadNamespace, Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false);
        await AddEdgeAsync(s, EdgeKind.Used, run.Id, version.Id, actor, added, cancellationToken).ConfigureAwait(false);
        return version;
    }

    /// <summary>Adds an edge between a run and a version unless it exists, refusing one that would close a cycle.</summary>
    internal static async Task AddEdgeAsync(
        IStoreSession s, EdgeKind kind, long runId, long versionId, Actor actor, Tally? added, CancellationToken cancellationToken)
    {
        if (await s.HasEdgeAsync(kind, runId, versionId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var edge = LineageEdge.Of(kind, runId, versionId);
        if (await s.FindCycleAsync(edge.From, edge.To, cancellationToken).ConfigureAwait(false) is { } cycle)
        {
            // The check walks the whole graph, but the refusal names only nodes the caller may see.
            var names = await s.DescribeAsync(cycle, cancellationToken).ConfigureAwait(false);
            throw CycleRefusal.Build(cycle, n => (names[n].Path, names[n].NamespaceId), actor.Access);
        }

        await s.InsertEdgeAsync(kind, runId, versionId, actor, cancellationToken).ConfigureAwait(false);
        added?.Add(versions: 0, edges: 1);
    }

    /// <summary>
    /// The version an alias command names and where its aliases live, checked for the right
    /// to change them: MEMBER of a project's namespace; MEMBER of a registry, or ADMIN for an
    /// alias the registry protects.
    /// </summary>
    private static async Task<(VersionRecord Version, AliasScope Scope)> RequireAliasTargetAsync(
        IStoreSession s, AliasCommand command, Access access, CancellationToken cancellationToken)
    {
        var version = await RequireVersionAsync(s, command.Artifact, access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
        if (version.Link is not { } link)
        {
            return (version, AliasScope.OfArtifact(version.ArtifactId, $"{version.Namespace}/{version.Project}/{version.ArtifactName}"));
        }

        var registry = await s.LoadRegistryAsync(link.RegistryId, cancellationToken).ConfigureAwait(false);
        if (registry.IsProtected(command.Alias))
        {
            RegistryRules.RequireProtectedAliasRole(access, registry, command.Alias);
        }

        return (version, AliasScope.Of(await s.LoadCollectionAsync(link.CollectionId, cancellationToken).ConfigureAwait(false)));
    }

    private static Task<VersionRecord> ReloadAsync(IStoreSession s, VersionRecord version, CancellationToken cancellationToken) =>
        version.Link is { } link ? s.LoadLinkAsync(link.Id, cancellationToken) : s.LoadVersionAsync(version.Id, cancellationToken);

    /// <summary>What a batch has added so far.</summary>
    internal sealed class Tally
    {
        public int Versions { get; private set; }

        public int Edges { get; private set; }

        public void Add(int versions, int edges)
        {
            Versions += versions;
            Edges += edges;
        }
    }
}
