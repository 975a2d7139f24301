using Lineage.Identity;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class UpdateRegistryInput
{
    public string Registry { get; set; } = "";

    public RegistryVisibility? Visibility { get; set; }

    public List<string>? ProtectedAliases { get; set; }
}
