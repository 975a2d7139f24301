using System.Diagnostics;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    public Task<VersionRecord> LogArtifactAsync(LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(
            async s =>
            {
                var id = await LogArtifactAsync(s, command, actor, cancellationToken).ConfigureAwait(false);
                return await LoadVersionAsync(s, id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Logs a version or records one more logger of it; returns the version's id.</summary>
    private async Task<long> LogArtifactAsync(SqliteSession s, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        foreach (var alias in command.Aliases)
        {
            NameRules.RequireUserAlias(alias);
        }

        var run = await RequireRunAsync(s, command.Run, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
        RunRules.RequireRunning(run, "log artifacts");
        var artifactId = await EnsureArtifactAsync(s, run, command, cancellationToken).ConfigureAwait(false);
        var found = (await s.QueryAsync(
            "SELECT id, version_index FROM artifact_versions WHERE artifact_id = $a AND digest = $d",
            r => (Id: r.GetInt64(0), Index: r.GetInt32(1)),
            cancellationToken, ("$a", artifactId), ("$d", command.Digest)).ConfigureAwait(false)).FirstOrDefault();
        var isNew = found == default;
        var (versionId, versionIndex) = found;

        if (!isNew)
        {
            // Same content: no new version, the run becomes one more logger of it.
            // The new edge run → version is the one write here that can close a cycle.
            var known = await s.ScalarAsync<long?>(
                "SELECT seq FROM logged_edges WHERE run_id = $r AND version_id = $v",
                cancellationToken, ("$r", run.Id), ("$v", versionId)).ConfigureAwait(false);
            if (known is null)
            {
                await RefuseCycleAsync(s, NodeRef.Run(run.Id), NodeRef.Version(versionId), actor.Access, cancellationToken).ConfigureAwait(false);
                await InsertEdgeAsync(s, "logged_edges", run.Id, versionId, actor, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            (versionId, versionIndex) = await InsertVersionAsync(s, artifactId, run, command, actor, cancellationToken).ConfigureAwait(false);
            await InsertEdgeAsync(s, "logged_edges", run.Id, versionId, actor, cancellationToken).ConfigureAwait(false);
        }

        var scope = AliasScope.OfArtifact(artifactId, $"{run.Namespace}/{run.Project}/{command.Name}");
        var subject = new AuditSubject(versionId, $"v{versionIndex}", null);
        if (isNew)
        {
            await AppendEventAsync(s, scope.Kind, scope.TargetId, scope.Target, AuditAction.VersionLogged, subject, null, actor, cancellationToken).ConfigureAwait(false);
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
        return _database.WriteAsync(
            async s =>
            {
                return await UseArtifactAsync(s, command, actor, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private async Task<VersionRecord> UseArtifactAsync(SqliteSession s, UseArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var run = await RequireRunAsync(s, command.Run, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
        RunRules.RequireRunning(run, "use artifacts");

        // A linked version is used through its registry, and its source gets the edge.
        var version = await RequireVersionAsync(
            s, command.Artifact, actor.Access, Permission.ReadNamespace, Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false);
        var known = await s.ScalarAsync<long?>(
            "SELECT seq FROM used_edges WHERE run_id = $r AND version_id = $v",
            cancellationToken, ("$r", run.Id), ("$v", version.Id)).ConfigureAwait(false);
        if (known is null)
        {
            await RefuseCycleAsync(s, NodeRef.Version(version.Id), NodeRef.Run(run.Id), actor.Access, cancellationToken).ConfigureAwait(false);
            await InsertEdgeAsync(s, "used_edges", run.Id, version.Id, actor, cancellationToken).ConfigureAwait(false);
        }

        return version;
    }

    public Task<VersionRecord> AddAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireUserAlias(command.Alias);
        return _database.WriteAsync(
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
        return _database.WriteAsync(
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
        SqliteSession s, AliasCommand command, Access access, CancellationToken cancellationToken)
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

    private static async Task<VersionRecord> ReloadAsync(SqliteSession s, VersionRecord version, CancellationToken cancellationToken) =>
        version.Link is { } link
            ? (await LoadLinksAsync(s, [link.Id], cancellationToken).ConfigureAwait(false))[0]
            : await LoadVersionAsync(s, version.Id, cancellationToken).ConfigureAwait(false);

    private async Task<long> EnsureArtifactAsync(SqliteSession s, RunRecord run, LogArtifactCommand command, CancellationToken cancellationToken)
    {
        if (s.KnownArtifacts.TryGetValue((run.ProjectId, command.Name), out var known))
        {
            return known.Type == command.Type
                ? known.Id
                : throw new ConflictException($"artifact '{run.Namespace}/{run.Project}/{command.Name}' has type '{known.Type}', not '{command.Type}'");
        }

        var id = await FindOrCreateArtifactAsync(s, run, command, cancellationToken).ConfigureAwait(false);
        s.KnownArtifacts[(run.ProjectId, command.Name)] = (id, command.Type);
        return id;
    }

    private async Task<long> FindOrCreateArtifactAsync(SqliteSession s, RunRecord run, LogArtifactCommand command, CancellationToken cancellationToken)
    {
        var rows = await s.QueryAsync(
            "SELECT id, type FROM artifacts WHERE project_id = $p AND name = $n",
            r => (Id: r.GetInt64(0), Type: r.GetString(1)),
            cancellationToken, ("$p", run.ProjectId), ("$n", command.Name)).ConfigureAwait(false);
        if (rows.Count > 0)
        {
            if (rows[0].Type != command.Type)
            {
                throw new ConflictException(
                    $"artifact '{run.Namespace}/{run.Project}/{command.Name}' has type '{rows[0].Type}', not '{command.Type}'");
            }

            return rows[0].Id;
        }

        var id = await s.ScalarAsync<long>(
            "INSERT INTO artifacts (project_id, name, type, created_at) VALUES ($p, $n, $t, $at) RETURNING id",
            cancellationToken, ("$p", run.ProjectId), ("$n", command.Name), ("$t", command.Type), ("$at", Now())).ConfigureAwait(false);
        s.Added?.Artifacts.Add((id, run.ProjectId, command.Name, command.Type));
        return id;
    }

    private async Task<(long Id, int Index)> InsertVersionAsync(
        SqliteSession s, long artifactId, RunRecord run, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var size = command.Size ?? command.Files?.Sum(f => f.Size);
        var (id, index) = (await s.QueryAsync(
            """
            INSERT INTO artifact_versions (artifact_id, version_index, digest, metadata, size, created_at, created_by, logged_by_run_id)
            VALUES ($a, (SELECT COALESCE(MAX(version_index) + 1, 0) FROM artifact_versions WHERE artifact_id = $a),
                    $d, $m, $size, $t, $by, $r)
            RETURNING id, version_index
            """,
            r => (r.GetInt64(0), r.GetInt32(1)),
            cancellationToken,
            ("$a", artifactId),
            ("$d", command.Digest),
            ("$m", command.MetadataJson),
            ("$size", size),
            ("$t", Now()),
            ("$by", actor.Name),
            ("$r", run.Id)).ConfigureAwait(false))[0];

        s.NewVersions++;
        s.Added?.Versions.Add((id, artifactId, index));
        foreach (var file in command.Files ?? [])
        {
            await s.ExecuteAsync(
                "INSERT INTO version_files (version_id, path, digest, size) VALUES ($v, $p, $d, $s)",
                cancellationToken, ("$v", id), ("$p", file.Path), ("$d", file.Digest), ("$s", file.Size)).ConfigureAwait(false);
        }

        return (id, index);
    }

    private async Task InsertEdgeAsync(SqliteSession s, string table, long runId, long versionId, Actor actor, CancellationToken cancellationToken)
    {
        var seq = await s.ScalarAsync<long>(
            $"INSERT INTO {table} (run_id, version_id, created_at, created_by) VALUES ($r, $v, $t, $by) RETURNING seq",
            cancellationToken, ("$r", runId), ("$v", versionId), ("$t", Now()), ("$by", actor.Name)).ConfigureAwait(false);
        (table == "used_edges" ? s.Added?.Used : s.Added?.Logged)?.Add((seq, runId, versionId));
        s.PendingEdges.Add(table == "used_edges"
            ? new LineageEdge(NodeRef.Version(versionId), NodeRef.Run(runId), EdgeKind.Used)
            : new LineageEdge(NodeRef.Run(runId), NodeRef.Version(versionId), EdgeKind.Logged));
    }

    /// <summary>
    /// Refuses an edge that would close a cycle. The check walks the whole graph, but the
    /// error names only nodes the caller may see; the others appear as "(hidden run)" or
    /// "(hidden artifact version)".
    /// </summary>
    private async Task RefuseCycleAsync(SqliteSession s, NodeRef from, NodeRef to, Access access, CancellationToken cancellationToken)
    {
        // The graph was brought up to date when the transaction began; its own edges are pending.
        var started = Stopwatch.GetTimestamp();
        var cycle = await CycleGuard.FindCycleAsync(new GraphIndexReader(_graph, s.PendingEdges), from, to, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _cycleChecks);
        Interlocked.Add(ref _cycleCheckTicks, Stopwatch.GetTimestamp() - started);
        if (cycle is not null)
        {
            var names = await NameNodesAsync(s, cycle, cancellationToken).ConfigureAwait(false);
            throw CycleRefusal.Build(cycle, n => (names[n].Path, names[n].NamespaceId), access);
        }
    }
}
