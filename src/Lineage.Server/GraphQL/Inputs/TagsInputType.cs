using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class TagsInputType : InputObjectGraphType<TagsInput>
{
    public TagsInputType()
    {
        Name = "TagsInput";
        Field<NonNullGraphType<StringGraphType>>("target").Description("A collection path (acme/models/zoo-classifier) or any version name.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags");
    }
}
