using GraphQL.Types;
using Lineage.Model;
using Lineage.Names;
using Lineage.Server.GraphQL.Scalars;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateRunInputType : InputObjectGraphType<CreateRunInputType.Value>
{
    public CreateRunInputType()
    {
        Name = "CreateRunInput";
        Field<NonNullGraphType<StringGraphType>>("project").Description("namespace/project; created on first use.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The run's name, unique in its project.");
        Field<StringGraphType>("jobType").Description("train, eval, preprocess, ...");
        Field<JsonGraphType>("config").Description("The run's configuration, a JSON object.");
        Field<StringGraphType>("description").Description("What the run is for, in your words: at most 4096 characters.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
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
}
