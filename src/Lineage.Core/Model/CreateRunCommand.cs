using Lineage.Names;

namespace Lineage.Model;

/// <summary>
/// A run to create: valid by construction, whoever builds it (the API, a batch, a tool), since
/// the constructor checks the job type's name, that the config is a JSON object, and the description.
/// </summary>
public sealed record CreateRunCommand(RunPath Run, string? JobType, string? ConfigJson, string? Description = null) : ILineageWrite
{
    public RunPath Run { get; } = Run ?? throw new ArgumentNullException(nameof(Run));

    public string? JobType { get; } = JobType is null ? null : NameRules.RequireName(JobType, "jobType");

    public string? ConfigJson { get; } = ContentRules.RequireJsonObjectText(ConfigJson, "config");

    public string? Description { get; } = ContentRules.RequireDescription(Description, "description");
}
