using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    public Task<VersionRecord> LogArtifactAsync(LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(
            async s =>
            {
                var id = await LogArtifactAsync(s, command, actor, cancellationToken).ConfigureAwait(false);
                return await LoadVersionAsync(s, id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Logs a version or records one more logger of it; returns the version's id.</summary>
    private async Task<long> LogArtifactAsync(Neo4jSession s, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        foreach (var alias in command.Aliases)
        {
            NameRules.RequireUserAlias(alias);
        }

        var run = await RequireRunAsync(s, command.Run, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
        RunRules.RequireRunning(run, "log artifacts");
        var artifactId = await EnsureArtifactAsync(s, run, command, cancellationToken).ConfigureAwait(false);
        var found = await s.RowAsync("versions/by-digest", cancellationToken, ("artifactId", artifactId), ("digest", command.Digest)).ConfigureAwait(false);
        long versionId;
        int versionIndex;
        if (found is not null)
        {
            // Same content: no new version, the run becomes one more logger of it.
            // The new edge run → version is the one write here that can close a cycle.
            (versionId, versionIndex) = (found.Long("id"), (int)found.Long("versionIndex"));
            var known = await s.RowAsync("edges/logged-exists", cancellationToken, ("runId", run.Id), ("versionId", versionId)).ConfigureAwait(false);
            if (!known!.Bool("known"))
            {
                await RefuseCycleAsync(s, NodeRef.Run(run.Id), NodeRef.Version(versionId), actor.Access, cancellationToken).ConfigureAwait(false);
                await CreateEdgeAsync(s, "edges/create-logged", run.Id, versionId, actor, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            (versionId, versionIndex) = await CreateVersionAsync(s, artifactId, run, command, actor, cancellationToken).ConfigureAwait(false);
            await CreateEdgeAsync(s, "edges/create-logged", run.Id, versionId, actor, cancellationToken).ConfigureAwait(false);
        }

        var scope = AliasScope.OfArtifact(artifactId, $"{run.Namespace}/{run.Project}/{command.Name}");
        var subject = new AuditSubject(versionId, $"v{versionIndex}", null);
        if (found is null)
        {
            await AppendEventAsync(s, scope, AuditAction.VersionLogged, subject, null, actor, cancellationToken).ConfigureAwait(false);
        }

        foreach (var alias in command.Aliases.Distinct(StringComparer.Ordinal))
        {
            await MoveAliasAsync(s, scope, subject, alias, expectedVersion: null, actor, cancellationToken).ConfigureAwait(false);
        }

        return versionId;
    }

    public Task<VersionRecord> UseArtifactAsync(UseArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(s => UseArtifactAsync(s, command, actor, cancellationToken), cancellationToken);
    }

    private async Task<VersionRecord> UseArtifactAsync(Neo4jSession s, UseArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var run = await RequireRunAsync(s, command.Run, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
        RunRules.RequireRunning(run, "use artifacts");

        // A linked version is used through its registry, and its source gets the edge.
        var version = await RequireVersionAsync(
            s, command.Artifact, actor.Access, Permission.ReadNamespace, Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false);
        var known = await s.RowAsync("edges/used-exists", cancellationToken, ("runId", run.Id), ("versionId", version.Id)).ConfigureAwait(false);
        if (!known!.Bool("known"))
        {
            await RefuseCycleAsync(s, NodeRef.Version(version.Id), NodeRef.Run(run.Id), actor.Access, cancellationToken).ConfigureAwait(false);
            await CreateEdgeAsync(s, "edges/create-used", run.Id, version.Id, actor, cancellationToken).ConfigureAwait(false);
        }

        return version;
    }

    public Task<VersionRecord> AddAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireUserAlias(command.Alias);
        return WriteAsync(
            async s =>
            {
                var (version, scope) = await RequireAliasTargetAsync(s, command, actor.Access, cancellationToken).ConfigureAwait(false);
                await MoveAliasAsync(s, scope, Subject(version), command.Alias, command.ExpectedVersion, actor, cancellationToken).ConfigureAwait(false);
                return await ReloadAsync(s, version, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<VersionRecord> RemoveAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireUserAlias(command.Alias);
        return WriteAsync(
            async s =>
            {
                var (version, scope) = await RequireAliasTargetAsync(s, command, actor.Access, cancellationToken).ConfigureAwait(false);
                await TakeAliasAsync(s, scope, Subject(version), version.QualifiedName, command.Alias, command.ExpectedVersion, actor, cancellationToken).ConfigureAwait(false);
                return await ReloadAsync(s, version, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// The version an alias command names and where its aliases live, checked for the right
    /// to change them: MEMBER of a project's namespace; MEMBER of a registry, or ADMIN for an
    /// alias the registry protects.
    /// </summary>
    private static async Task<(VersionRecord Version, AliasScope Scope)> RequireAliasTargetAsync(
        Neo4jSession s, AliasCommand command, Access access, CancellationToken cancellationToken)
    {
        var version = await RequireVersionAsync(
            s, command.Artifact, access, Permission.WriteNamespace, Permission.WriteRegistry, cancellationToken).ConfigureAwait(false);
        if (version.Link is not { } link)
        {
            return (version, AliasScope.OfArtifact(version.ArtifactId, $"{version.Namespace}/{version.Project}/{version.ArtifactName}"));
        }

        var registry = (await LoadRegistriesAsync(s, [link.RegistryId], cancellationToken).ConfigureAwait(false))[0];
        if (registry.IsProtected(command.Alias))
        {
            RegistryRules.RequireProtectedAliasRole(access, registry, command.Alias);
        }

        var collection = (await LoadCollectionsAsync(s, [link.CollectionId], cancellationToken).ConfigureAwait(false))[0];
        return (version, AliasScope.Of(collection));
    }

    private static AuditSubject Subject(VersionRecord version) =>
        version.Link is { } link ? new(link.Id, version.Version, link.SourceQualifiedName, link.SourceNamespaceId) : new(version.Id, version.Version, null);

    private static async Task<VersionRecord> ReloadAsync(Neo4jSession s, VersionRecord version, CancellationToken cancellationToken) =>
        version.Link is { } link
            ? (await LoadLinksAsync(s, [link.Id], cancellationToken).ConfigureAwait(false))[0]
            : await LoadVersionAsync(s, version.Id, cancellationToken).ConfigureAwait(false);

    private async Task<long> EnsureArtifactAsync(Neo4jSession s, RunRecord run, LogArtifactCommand command, CancellationToken cancellationToken)
    {
        var path = $"{run.Namespace}/{run.Project}/{command.Name}";
        var row = await s.RowAsync("artifacts/by-path", cancellationToken, ("path", path)).ConfigureAwait(false);
        if (row is not null)
        {
            var existing = Records.Artifact(row["artifact"]);
            return existing.Type == command.Type
                ? existing.Id
                : throw new ConflictException($"artifact '{path}' has type '{existing.Type}', not '{command.Type}'");
        }

        var created = await s.RowAsync(
            "artifacts/create",
            cancellationToken,
            ("projectId", run.ProjectId),
            ("namespaceId", run.NamespaceId),
            ("namespace", run.Namespace),
            ("project", run.Project),
            ("name", command.Name),
            ("path", path),
            ("type", command.Type),
            ("at", Now())).ConfigureAwait(false);
        return created!.Long("id");
    }

    private async Task<(long Id, int Index)> CreateVersionAsync(
        Neo4jSession s, long artifactId, RunRecord run, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var size = command.Size ?? command.Files?.Sum(f => f.Size);
        var row = await s.RowAsync(
            "versions/create",
            cancellationToken,
            ("artifactId", artifactId),
            ("projectId", run.ProjectId),
            ("namespaceId", run.NamespaceId),
            ("namespace", run.Namespace),
            ("project", run.Project),
            ("artifactName", command.Name),
            ("type", command.Type),
            ("digest", command.Digest),
            ("metadata", command.MetadataJson),
            ("size", size),
            ("runId", run.Id),
            ("at", Now()),
            ("by", actor.Name)).ConfigureAwait(false);
        var id = row!.Long("id");
        s.NewVersions++;
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

    private async Task CreateEdgeAsync(Neo4jSession s, string statement, long runId, long versionId, Actor actor, CancellationToken cancellationToken)
    {
        await s.RunAsync(statement, cancellationToken, ("runId", runId), ("versionId", versionId), ("at", Now()), ("by", actor.Name)).ConfigureAwait(false);
        s.NewEdges++;
    }

    /// <summary>
    /// Refuses an edge that would close a cycle. The check walks the graph in the database, one
    /// level per statement, inside the write transaction that holds the write lock; the error
    /// names only nodes the caller may see.
    /// </summary>
    private static async Task RefuseCycleAsync(Neo4jSession s, NodeRef from, NodeRef to, Access access, CancellationToken cancellationToken)
    {
        var cycle = await CycleGuard.FindCycleAsync(new CypherAdjacencyReader(s), from, to, cancellationToken).ConfigureAwait(false);
        if (cycle is not null)
        {
            var names = await DescribeAsync(s, cycle, cancellationToken).ConfigureAwait(false);
            throw CycleRefusal.Build(cycle, n => (names[n].Path, names[n].NamespaceId), access);
        }
    }
}
