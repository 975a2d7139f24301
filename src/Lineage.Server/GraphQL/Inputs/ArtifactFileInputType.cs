using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class ArtifactFileInputType : InputObjectGraphType<ArtifactFileInput>
{
    public ArtifactFileInputType()
    {
        Name = "ArtifactFileInput";
        Field<NonNullGraphType<StringGraphType>>("path");
        Field<NonNullGraphType<StringGraphType>>("digest");
        Field<NonNullGraphType<LongGraphType>>("size").Description("Size in bytes.");
    }
}
