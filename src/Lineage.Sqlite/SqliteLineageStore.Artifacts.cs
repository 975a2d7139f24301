using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;

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
                var run = await RequireRunAsync(s, command.Run, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
                var artifactId = await EnsureArtifactAsync(s, run, command, cancellationToken).ConfigureAwait(false);
                var versionId = await s.ScalarAsync<long?>(
                    "SELECT id FROM artifact_versions WHERE artifact_id = $a AND digest = $d",
                    cancellationToken, ("$a", artifactId), ("$d", command.Digest)).ConfigureAwait(false);

                if (versionId is { } existing)
                {
                    // Same content: no new version, the run becomes one more logger of it.
                    // The new edge run → version is the one write here that can close a cycle.
                    var known = await s.ScalarAsync<long?>(
                        "SELECT seq FROM logged_edges WHERE run_id = $r AND version_id = $v",
                        cancellationToken, ("$r", run.Id), ("$v", existing)).ConfigureAwait(false);
                    if (known is null)
                    {
                        await RefuseCycleAsync(s, NodeRef.Run(run.Id), NodeRef.Version(existing), actor.Access, cancellationToken).ConfigureAwait(false);
                        await InsertEdgeAsync(s, "logged_edges", run.Id, existing, actor, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    versionId = await InsertVersionAsync(s, artifactId, run, command, actor, cancellationToken).ConfigureAwait(false);
                    await InsertEdgeAsync(s, "logged_edges", run.Id, versionId.Value, actor, cancellationToken).ConfigureAwait(false);
                }

                foreach (var alias in command.Aliases.Distinct(StringComparer.Ordinal))
                {
                    await SetAliasAsync(s, artifactId, versionId.Value, alias, actor, cancellationToken).ConfigureAwait(false);
                }

                return await LoadVersionAsync(s, versionId.Value, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<VersionRecord> UseArtifactAsync(UseArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(
            async s =>
            {
                var run = await RequireRunAsync(s, command.Run, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
                var version = await RequireVersionAsync(s, command.Artifact, actor.Access, Permission.ReadNamespace, cancellationToken).ConfigureAwait(false);
                var known = await s.ScalarAsync<long?>(
                    "SELECT seq FROM used_edges WHERE run_id = $r AND version_id = $v",
                    cancellationToken, ("$r", run.Id), ("$v", version.Id)).ConfigureAwait(false);
                if (known is null)
                {
                    await RefuseCycleAsync(s, NodeRef.Version(version.Id), NodeRef.Run(run.Id), actor.Access, cancellationToken).ConfigureAwait(false);
                    await InsertEdgeAsync(s, "used_edges", run.Id, version.Id, actor, cancellationToken).ConfigureAwait(false);
                }

                return version;
            },
            cancellationToken);
    }

    public Task<VersionRecord> AddAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(
            async s =>
            {
                var version = await RequireVersionAsync(s, command.Artifact, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
                await SetAliasAsync(s, version.ArtifactId, version.Id, command.Alias, actor, cancellationToken).ConfigureAwait(false);
                return await LoadVersionAsync(s, version.Id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<VersionRecord> RemoveAliasAsync(AliasCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(
            async s =>
            {
                var version = await RequireVersionAsync(s, command.Artifact, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
                var removed = await s.ExecuteAsync(
                    "DELETE FROM version_aliases WHERE artifact_id = $a AND alias = $alias AND version_id = $v",
                    cancellationToken, ("$a", version.ArtifactId), ("$alias", command.Alias), ("$v", version.Id)).ConfigureAwait(false);
                if (removed == 0)
                {
                    throw new NotFoundException($"version '{version.QualifiedName}' has no alias '{command.Alias}'");
                }

                return await LoadVersionAsync(s, version.Id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private async Task<long> EnsureArtifactAsync(SqliteSession s, RunRecord run, LogArtifactCommand command, CancellationToken cancellationToken)
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

        return await s.ScalarAsync<long>(
            "INSERT INTO artifacts (project_id, name, type, created_at) VALUES ($p, $n, $t, $at) RETURNING id",
            cancellationToken, ("$p", run.ProjectId), ("$n", command.Name), ("$t", command.Type), ("$at", Now())).ConfigureAwait(false);
    }

    private async Task<long> InsertVersionAsync(
        SqliteSession s, long artifactId, RunRecord run, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var size = command.Size ?? command.Files?.Sum(f => f.Size);
        var id = await s.ScalarAsync<long>(
            """
            INSERT INTO artifact_versions (artifact_id, version_index, digest, metadata, size, created_at, created_by, logged_by_run_id)
            VALUES ($a, (SELECT COALESCE(MAX(version_index) + 1, 0) FROM artifact_versions WHERE artifact_id = $a),
                    $d, $m, $size, $t, $by, $r)
            RETURNING id
            """,
            cancellationToken,
            ("$a", artifactId),
            ("$d", command.Digest),
            ("$m", command.MetadataJson),
            ("$size", size),
            ("$t", Now()),
            ("$by", actor.Name),
            ("$r", run.Id)).ConfigureAwait(false);

        foreach (var file in command.Files ?? [])
        {
            await s.ExecuteAsync(
                "INSERT INTO version_files (version_id, path, digest, size) VALUES ($v, $p, $d, $s)",
                cancellationToken, ("$v", id), ("$p", file.Path), ("$d", file.Digest), ("$s", file.Size)).ConfigureAwait(false);
        }

        return id;
    }

    private async Task InsertEdgeAsync(SqliteSession s, string table, long runId, long versionId, Actor actor, CancellationToken cancellationToken) =>
        await s.ExecuteAsync(
            $"INSERT INTO {table} (run_id, version_id, created_at, created_by) VALUES ($r, $v, $t, $by)",
            cancellationToken, ("$r", runId), ("$v", versionId), ("$t", Now()), ("$by", actor.Name)).ConfigureAwait(false);

    /// <summary>Moves <paramref name="alias"/> to the version: whichever version of the artifact held it loses it.</summary>
    private async Task SetAliasAsync(SqliteSession s, long artifactId, long versionId, string alias, Actor actor, CancellationToken cancellationToken) =>
        await s.ExecuteAsync(
            """
            INSERT INTO version_aliases (artifact_id, alias, version_id, created_at, created_by)
            VALUES ($a, $alias, $v, $t, $by)
            ON CONFLICT (artifact_id, alias) DO UPDATE
                SET version_id = excluded.version_id, created_at = excluded.created_at, created_by = excluded.created_by
                WHERE version_id <> excluded.version_id
            """,
            cancellationToken, ("$a", artifactId), ("$alias", alias), ("$v", versionId), ("$t", Now()), ("$by", actor.Name)).ConfigureAwait(false);

    /// <summary>
    /// Refuses an edge that would close a cycle. The check walks the whole graph, but the
    /// error names only nodes the caller may see; the others appear as "(hidden run)" or
    /// "(hidden artifact version)".
    /// </summary>
    private static async Task RefuseCycleAsync(SqliteSession s, NodeRef from, NodeRef to, Access access, CancellationToken cancellationToken)
    {
        var cycle = await CycleGuard.FindCycleAsync(new SqliteAdjacencyReader(s, withScopes: false), from, to, cancellationToken).ConfigureAwait(false);
        if (cycle is not null)
        {
            var names = await NameNodesAsync(s, cycle, cancellationToken).ConfigureAwait(false);
            throw new CycleDetectedException([.. cycle.Select(n => access.CanSeeNamespace(names[n].NamespaceId)
                ? names[n].Path
                : n.Kind == NodeKind.Run ? "(hidden run)" : "(hidden artifact version)")]);
        }
    }
}
