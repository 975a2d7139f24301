using Lineage.Identity;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class CreateRegistryInput
{
    public string Owner { get; set; } = "";

    public string Name { get; set; } = "";

    public RegistryVisibility Visibility { get; set; } = RegistryVisibility.Organization;

    public List<string>? ProtectedAliases { get; set; }
}
