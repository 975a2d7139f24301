using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    public Task<RunRecord> CreateRunAsync(CreateRunCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(
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

        return WriteAsync(
            async s =>
            {
                var run = await RequireRunAsync(s, command.Run, actor.Access, Permission.WriteNamespace, cancellationToken).ConfigureAwait(false);
                if (run.State != RunState.Running)
                {
                    throw new ConflictException($"run '{run.Path}' has already ended as {FormatState(run.State)}");
                }

                await s.RunAsync("runs/finish", cancellationToken, ("id", run.Id), ("state", FormatState(command.State))).ConfigureAwait(false);
                return run with { State = command.State };
            },
            cancellationToken);
    }

    private async Task<long> CreateRunAsync(Neo4jSession s, CreateRunCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var project = await EnsureProjectAsync(s, command.Run.ProjectPath, actor, cancellationToken).ConfigureAwait(false);
        if (await FindRunAsync(s, command.Run, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ConflictException($"run '{command.Run}' already exists");
        }

        var row = await s.RowAsync(
            "runs/create",
            cancellationToken,
            ("projectId", project.Id),
            ("namespaceId", project.NamespaceId),
            ("namespace", project.Namespace),
            ("project", project.Name),
            ("name", command.Run.Name),
            ("path", command.Run.ToString()),
            ("jobType", command.JobType),
            ("config", command.ConfigJson),
            ("at", Now()),
            ("by", actor.Name)).ConfigureAwait(false);
        return row!.Long("id");
    }

    /// <summary>
    /// Projects come into being on first use, as <c>wandb.init</c> does, for the MEMBERs of an
    /// existing namespace. Namespaces are never made here: only by createNamespace.
    /// </summary>
    private async Task<ProjectRecord> EnsureProjectAsync(Neo4jSession s, ProjectPath path, Actor actor, CancellationToken cancellationToken)
    {
        var owner = await FindNamespaceAsync(s, path.Namespace, cancellationToken).ConfigureAwait(false)
            ?? throw IdentityRules.NamespaceToCreateFirst(path.Namespace, actor);
        var namespaceId = owner.Id;

        actor.Access.RequireNamespace(namespaceId, path.Namespace, Permission.WriteNamespace, Missing.Namespace(path.Namespace).Message);
        if (await FindProjectAsync(s, path, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        if (await FindRegistryAsync(s, path, cancellationToken).ConfigureAwait(false) is { } registry)
        {
            throw IdentityRules.ProjectNameTaken(path, actor.Access.CanSeeRegistry(registry.Id));
        }

        var at = Now();
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

    /// <summary>The named run, if the caller's role in its namespace allows <paramref name="permission"/>.</summary>
    private static async Task<RunRecord> RequireRunAsync(
        Neo4jSession s, RunPath path, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var run = await FindRunAsync(s, path, cancellationToken).ConfigureAwait(false) ?? throw Missing.Run(path);
        access.RequireNamespace(run.NamespaceId, run.Namespace, permission, Missing.Run(path).Message);
        return run;
    }

    private static async Task<RunRecord?> FindRunAsync(Neo4jSession s, RunPath path, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("runs/by-path", cancellationToken, ("path", path.ToString())).ConfigureAwait(false);
        return row is null ? null : Records.Run(row["run"]);
    }

    private static async Task<ProjectRecord?> FindProjectAsync(Neo4jSession s, ProjectPath path, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("projects/by-path", cancellationToken, ("path", path.ToString())).ConfigureAwait(false);
        return row is null ? null : Records.Project(row["project"]);
    }

    private static Task<List<RunRecord>> LoadRunsAsync(Neo4jSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("runs/load", r => Records.Run(r["run"]), cancellationToken, ("ids", ids.ToArray()));

    private static string FormatState(RunState state) => state.ToString().ToUpperInvariant();
}
