using GraphQL.Types;
using Lineage.Identity;
using Lineage.Server.GraphQL.Identity;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class UpdateRegistryInputType : InputObjectGraphType<UpdateRegistryInputType.Value>
{
    public UpdateRegistryInputType()
    {
        Name = "UpdateRegistryInput";
        Description = "Changes a registry's visibility, its protected aliases, or both; registry ADMINs only.";
        Field<NonNullGraphType<StringGraphType>>("registry").Description("The registry path, e.g. acme/models.");
        Field<RegistryVisibilityType>("visibility").Description("Unchanged when not given.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("protectedAliases").Description("Replaces the protected aliases; unchanged when not given.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Registry { get; set; } = "";

        public RegistryVisibility? Visibility { get; set; }

        public List<string>? ProtectedAliases { get; set; }
    }
}
