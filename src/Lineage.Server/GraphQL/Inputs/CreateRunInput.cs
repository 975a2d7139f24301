using Lineage.Model;
using Lineage.Names;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class CreateRunInput
{
    public string Project { get; set; } = "";

    public string Name { get; set; } = "";

    public string? JobType { get; set; }

    public object? Config { get; set; }

    public string? Description { get; set; }

    /// <summary>The run asked for, checked as every command is.</summary>
    internal CreateRunCommand Command(ApiLimits limits)
    {
        var project = ProjectPath.Parse(Project, "project");
        return new CreateRunCommand(
            new RunPath(project.Namespace, project.Project, NameRules.RequireName(Name, "run name")),
            JobType,
            Args.JsonObject(Config, "config", limits),
            Description);
    }
}
