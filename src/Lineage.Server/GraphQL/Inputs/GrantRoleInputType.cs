using GraphQL.Types;
using Lineage.Identity;
using Lineage.Server.GraphQL.Identity;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class GrantRoleInputType : InputObjectGraphType<GrantRoleInputType.Value>
{
    public GrantRoleInputType()
    {
        Name = "GrantRoleInput";
        Description = "Grants a role on a namespace or registry; a new grant replaces the member's old one.";
        Field<NonNullGraphType<StringGraphType>>("resource").Description("A namespace (acme) or a registry (acme/models).");
        Field<NonNullGraphType<StringGraphType>>("member").Description("A user, a service account, or a team (whose members all get the role).");
        Field<NonNullGraphType<RoleType>>("role");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Resource { get; set; } = "";

        public string Member { get; set; } = "";

        public Role Role { get; set; }
    }
}
