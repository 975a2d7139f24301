using Lineage.Names;
using Lineage.Store;

namespace Lineage.Model;

/// <summary>
/// A run to create: valid by construction, whoever builds it (the API, a batch, a tool), since
/// the constructor checks the job type's name and the description, and the config is a checked <see cref="JsonObjectText"/>.
/// </summary>
public sealed record CreateRunCommand(RunPath Run, string? JobType, JsonObjectText? Config, string? Description = null) : ILineageWrite
{
    public RunPath Run { get; } = Run ?? throw new ArgumentNullException(nameof(Run));

    public string? JobType { get; } = JobType is null ? null : NameRules.RequireName(JobType, "jobType");

    /// <summary>The config's JSON text.</summary>
    public string? ConfigJson => Config?.Text;

    public string? Description { get; } = ContentRules.RequireDescription(Description, "description");

    /// <summary>What the run says about itself, stored as given: a store writes these beside the run's name, state and creation.</summary>
    public IReadOnlyList<StoredField> Fields => [new("jobType", JobType), new("config", ConfigJson), new("description", Description)];
}
