using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class RevokeRoleInputType : InputObjectGraphType<RevokeRoleInputType.Value>
{
    public RevokeRoleInputType()
    {
        Name = "RevokeRoleInput";
        Description = "Removes a member's role on a namespace or registry.";
        Field<NonNullGraphType<StringGraphType>>("resource").Description("A namespace (acme) or a registry (acme/models).");
        Field<NonNullGraphType<StringGraphType>>("member");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Resource { get; set; } = "";

        public string Member { get; set; } = "";
    }
}
