using GraphQL.Types;
using Lineage.Identity;
using Lineage.Server.GraphQL.Identity;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateRegistryInputType : InputObjectGraphType<CreateRegistryInputType.Value>
{
    public CreateRegistryInputType()
    {
        Name = "CreateRegistryInput";
        Description = "Creates a registry owned by a namespace; ADMINs of the namespace only.";
        Field<NonNullGraphType<StringGraphType>>("owner").Description("The owning namespace, usually an organization.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Unique among the owner's registries and projects.");
        Field<RegistryVisibilityType>("visibility").DefaultValue(RegistryVisibility.Organization).Description("ORGANIZATION (the default): everyone with a role in the owner may view it. RESTRICTED: members only.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("protectedAliases").Description("Aliases only registry ADMINs may set, move or remove, e.g. production.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Owner { get; set; } = "";

        public string Name { get; set; } = "";

        public RegistryVisibility Visibility { get; set; } = RegistryVisibility.Organization;

        public List<string>? ProtectedAliases { get; set; }
    }
}
