using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class UnlinkArtifactInputType : InputObjectGraphType<UnlinkArtifactInputType.Value>
{
    public UnlinkArtifactInputType()
    {
        Name = "UnlinkArtifactInput";
        Field<NonNullGraphType<StringGraphType>>("artifact").Description("The linked version's name, e.g. acme/models/zoo-classifier:v0.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Artifact { get; set; } = "";
    }
}
