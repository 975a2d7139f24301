using GraphQL.Types;
using Lineage.Identity;
using Lineage.Server.GraphQL.Identity;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateRegistryInputType : InputObjectGraphType<CreateRegistryInput>
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
}
