using GraphQL.Types;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class UseArtifactInputType : InputObjectGraphType<UseArtifactInputType.Value>
{
    public UseArtifactInputType()
    {
        Name = "UseArtifactInput";
        Field<NonNullGraphType<StringGraphType>>("run").Description("The using run's path.");
        Field<NonNullGraphType<StringGraphType>>("artifact").Description("A version name: namespace/project/artifact:v4, :latest or :alias.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Run { get; set; } = "";

        public string Artifact { get; set; } = "";

        /// <summary>The use asked for, checked as every command is.</summary>
        internal UseArtifactCommand Command() => new(RunPath.Parse(Run, "run"), VersionRef.Parse(Artifact, "artifact"));
    }
}
