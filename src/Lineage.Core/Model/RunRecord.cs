using Lineage.Store;

namespace Lineage.Model;

public sealed record RunRecord(
    long Id,
    long ProjectId,
    long NamespaceId,
    string Namespace,
    string Project,
    string Name,
    string? JobType,
    RunState State,
    string? ConfigJson,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>What the run is for, in its author's words.</summary>
    public string? Description { get; init; }

    /// <summary>When the run ended (finished, failed or crashed); null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public string Path => $"{Namespace}/{Project}/{Name}";

    /// <summary>The project the run belongs to.</summary>
    public ProjectKey ProjectKey => new(ProjectId, NamespaceId, Namespace, Project);

    /// <summary>A run from its stored fields: the one list of what a run is made of, for every store.</summary>
    public static RunRecord Read(IFieldReader f) => new(
        f.Long("id"),
        f.Long("projectId"),
        f.Long("namespaceId"),
        f.Text("namespace"),
        f.Text("project"),
        f.Text("name"),
        f.NullableText("jobType"),
        Enum.Parse<RunState>(f.Text("state"), ignoreCase: true),
        f.NullableText("config"),
        f.Time("createdAt"),
        f.Text("createdBy"))
    {
        Description = f.NullableText("description"),
        EndedAt = f.NullableTime("endedAt"),
    };
}
