using GraphQL.Types;
using Lineage.Identity;
using Lineage.Server.GraphQL.Identity;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateNamespaceInputType : InputObjectGraphType<CreateNamespaceInputType.Value>
{
    public CreateNamespaceInputType()
    {
        Name = "CreateNamespaceInput";
        Description = "Creates a team or an organization.";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<NamespaceKindType>>("kind").Description("TEAM or ORGANIZATION.");
        Field<StringGraphType>("organization").Description("For a team: the organization it belongs to; its ADMINs may create it.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Name { get; set; } = "";

        public NamespaceKind Kind { get; set; }

        public string? Organization { get; set; }
    }
}
