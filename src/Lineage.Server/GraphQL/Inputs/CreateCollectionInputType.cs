using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateCollectionInputType : InputObjectGraphType<CreateCollectionInput>
{
    public CreateCollectionInputType()
    {
        Name = "CreateCollectionInput";
        Field<NonNullGraphType<StringGraphType>>("registry").Description("The registry path, e.g. acme/models.");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("type").Description("The type of version it holds, e.g. model: only versions of this type can be linked.");
        Field<StringGraphType>("description");
    }
}
