using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class AliasInputType : InputObjectGraphType<AliasInput>
{
    public AliasInputType()
    {
        Name = "AliasInput";
        Field<NonNullGraphType<StringGraphType>>("artifact").Description("Any version name, in a project or a collection.");
        Field<NonNullGraphType<StringGraphType>>("alias");
        Field<StringGraphType>("expectedVersion")
            .Description("Change only if this version (e.g. v3) holds the alias now; otherwise CONFLICT and nothing changes.");
    }
}
