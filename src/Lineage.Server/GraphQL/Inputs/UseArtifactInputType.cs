using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class UseArtifactInputType : InputObjectGraphType<UseArtifactInput>
{
    public UseArtifactInputType()
    {
        Name = "UseArtifactInput";
        Field<NonNullGraphType<StringGraphType>>("run").Description("The using run's path.");
        Field<NonNullGraphType<StringGraphType>>("artifact").Description("A version name: namespace/project/artifact:v4, :latest or :alias.");
    }
}
