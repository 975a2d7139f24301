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

    public string Path => $"{Namespace}/{Project}/{Name}";
}
