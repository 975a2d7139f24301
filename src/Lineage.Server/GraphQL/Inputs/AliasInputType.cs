using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class AliasInputType : InputObjectGraphType<AliasInput>
{
    public AliasInputType()
    {
        Name = "AliasInput";
        Field<NonNullGraphType<StringGraphType>>("artifact").Description("Any version name.");
        Field<NonNullGraphType<StringGraphType>>("alias");
    }
}
