using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class UnlinkArtifactInputType : InputObjectGraphType<UnlinkArtifactInput>
{
    public UnlinkArtifactInputType()
    {
        Name = "UnlinkArtifactInput";
        Field<NonNullGraphType<StringGraphType>>("artifact").Description("The linked version's name, e.g. acme/models/zoo-classifier:v0.");
    }
}
