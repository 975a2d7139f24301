using GraphQL.Types;
using Lineage.Server.GraphQL.Identity;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class UpdateRegistryInputType : InputObjectGraphType<UpdateRegistryInput>
{
    public UpdateRegistryInputType()
    {
        Name = "UpdateRegistryInput";
        Description = "Changes a registry's visibility; registry ADMINs only.";
        Field<NonNullGraphType<StringGraphType>>("registry").Description("The registry path, e.g. acme/models.");
        Field<NonNullGraphType<RegistryVisibilityType>>("visibility");
    }
}
