using GraphQL.Types;
using Lineage.Identity;
using Lineage.Server.GraphQL.Identity;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateServiceAccountInputType : InputObjectGraphType<CreateServiceAccountInputType.Value>
{
    public CreateServiceAccountInputType()
    {
        Name = "CreateServiceAccountInput";
        Description = "Creates a service account owned by a namespace, for automation.";
        Field<NonNullGraphType<StringGraphType>>("namespace").Description("The owning namespace; its ADMINs manage the account's keys.");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<RoleType>("role").DefaultValue(Role.Member).Description("The account's role in the namespace; MEMBER when not given.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Namespace { get; set; } = "";

        public string Name { get; set; } = "";

        public Role Role { get; set; } = Role.Member;
    }
}
