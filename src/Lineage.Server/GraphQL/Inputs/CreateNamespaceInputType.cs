using GraphQL.Types;
using Lineage.Server.GraphQL.Identity;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateNamespaceInputType : InputObjectGraphType<CreateNamespaceInput>
{
    public CreateNamespaceInputType()
    {
        Name = "CreateNamespaceInput";
        Description = "Creates a team or an organization.";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<NamespaceKindType>>("kind").Description("TEAM or ORGANIZATION.");
        Field<StringGraphType>("organization").Description("For a team: the organization it belongs to; its ADMINs may create it.");
    }
}
