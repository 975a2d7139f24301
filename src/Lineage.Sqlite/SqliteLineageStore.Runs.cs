using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    public Task<RunRecord> CreateRunAsync(CreateRunCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(
            async s =>
            {
                var id = await CreateRunAsync(s, command, actor, cancellationToken).ConfigureAwait(false);
                return (await LoadRunsAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];
            },
            cancellationToken);
    }

    public Task<RunRecord> FinishRunAsync(FinishRunCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (command.State == RunState.Running)
        {
            throw new InvalidArgumentException("a run is finished as FINISHED, FAILED or CRASHED, not RUNNING");
        }

        return _database.WriteAsync(
            async s =>
            {
                var run = await RequireRunAsync(s, command.Run, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
                if (run.State != RunState.Running)
                {
                    throw new ConflictException($"run '{run.Path}' has already ended as {Rows.FormatState(run.State)}");
                }

                await s.ExecuteAsync(
                    "UPDATE runs SET state = $s WHERE id = $id",
                    cancellationToken, ("$s", Rows.FormatState(command.State)), ("$id", run.Id)).ConfigureAwait(false);
                var ended = run with { State = command.State };
                s.KnownRuns[command.Run] = ended;
                return ended;
            },
            cancellationToken);
    }

    private async Task<long> CreateRunAsync(SqliteSession s, CreateRunCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var projectId = await EnsureProjectAsync(s, command.Run.ProjectPath, actor, cancellationToken).ConfigureAwait(false);
        var exists = await s.ScalarAsync<long?>(
            "SELECT id FROM runs WHERE project_id = $p AND name = $n", cancellationToken, ("$p", projectId), ("$n", command.Run.Name)).ConfigureAwait(false);
        if (exists is not null)
        {
            throw new ConflictException($"run '{command.Run}' already exists");
        }

        var id = await s.ScalarAsync<long>(
            """
            INSERT INTO runs (project_id, name, job_type, state, config, created_at, created_by)
            VALUES ($p, $n, $j, $s, $c, $t, $by) RETURNING id
            """,
            cancellationToken,
            ("$p", projectId),
            ("$n", command.Run.Name),
            ("$j", command.JobType),
            ("$s", Rows.FormatState(RunState.Running)),
            ("$c", command.ConfigJson),
            ("$t", Now()),
            ("$by", actor.Name)).ConfigureAwait(false);
        s.Added?.Runs.Add((id, projectId, command.Run.Name, command.JobType));
        return id;
    }

    /// <summary>
    /// Projects come into being on first use, as <c>wandb.init</c> does, for the MEMBERs of an
    /// existing namespace. Namespaces are never made here: only by createNamespace.
    /// </summary>
    private async Task<long> EnsureProjectAsync(SqliteSession s, ProjectPath path, Actor actor, CancellationToken cancellationToken)
    {
        if (s.KnownProjects.TryGetValue(path, out var known))
        {
            return known;
        }

        var id = await FindOrCreateProjectAsync(s, path, actor, cancellationToken).ConfigureAwait(false);
        s.KnownProjects[path] = id;
        return id;
    }

    private async Task<long> FindOrCreateProjectAsync(SqliteSession s, ProjectPath path, Actor actor, CancellationToken cancellationToken)
    {
        var namespaceId = await s.ScalarAsync<long?>(
            "SELECT id FROM namespaces WHERE name = $n", cancellationToken, ("$n", path.Namespace)).ConfigureAwait(false);
        if (namespaceId is null)
        {
            throw IdentityRules.NamespaceToCreateFirst(path.Namespace, actor);
        }

        actor.Access.RequireNamespace(namespaceId.Value, path.Namespace, Permission.WriteNamespace, Missing.Namespace(path.Namespace).Message);
        var projectId = await s.ScalarAsync<long?>(
            "SELECT id FROM projects WHERE namespace_id = $ns AND name = $n", cancellationToken, ("$ns", namespaceId), ("$n", path.Project)).ConfigureAwait(false);
        if (projectId is not null)
        {
            return projectId.Value;
        }

        var registry = await s.ScalarAsync<long?>(
            "SELECT id FROM registries WHERE namespace_id = $ns AND name = $n", cancellationToken, ("$ns", namespaceId), ("$n", path.Project)).ConfigureAwait(false);
        if (registry is not null)
        {
            throw IdentityRules.ProjectNameTaken(path, actor.Access.CanSeeRegistry(registry.Value));
        }

        var project = await s.ScalarAsync<long>(
            "INSERT INTO projects (namespace_id, name, created_at, created_by) VALUES ($ns, $n, $t, $by) RETURNING id",
            cancellationToken, ("$ns", namespaceId), ("$n", path.Project), ("$t", Now()), ("$by", actor.Name)).ConfigureAwait(false);
        s.Added?.Projects.Add((project, namespaceId.Value, path.ToString()));
        return project;
    }

    /// <summary>The named run, if the caller's role in its namespace allows <paramref name="permission"/>.</summary>
    private static async Task<RunRecord> RequireRunAsync(
        SqliteSession s, RunPath path, Access access, Permission permission, CancellationToken cancellationToken)
    {
        if (!s.KnownRuns.TryGetValue(path, out var run))
        {
            run = await FindRunAsync(s, path, cancellationToken).ConfigureAwait(false) ?? throw Missing.Run(path);
            s.KnownRuns[path] = run;
        }

        access.RequireNamespace(run.NamespaceId, run.Namespace, permission, Missing.Run(path).Message);
        return run;
    }

    private static async Task<RunRecord?> FindRunAsync(SqliteSession s, RunPath path, CancellationToken cancellationToken)
    {
        var rows = await s.QueryAsync(
            $"SELECT {Rows.RunColumns} FROM runs r {Rows.RunJoins} WHERE n.name = $ns AND p.name = $p AND r.name = $r",
            Rows.Run,
            cancellationToken,
            ("$ns", path.Namespace),
            ("$p", path.Project),
            ("$r", path.Name)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<List<RunRecord>> LoadRunsAsync(SqliteSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        await s.QueryAsync(
            $"SELECT {Rows.RunColumns} FROM json_each($ids) j JOIN runs r ON r.id = j.value {Rows.RunJoins} ORDER BY j.key",
            Rows.Run,
            cancellationToken,
            ("$ids", Rows.Ids(ids))).ConfigureAwait(false);
}
