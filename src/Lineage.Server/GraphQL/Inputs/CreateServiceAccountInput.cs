using Lineage.Identity;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class CreateServiceAccountInput
{
    public string Namespace { get; set; } = "";

    public string Name { get; set; } = "";

    public Role Role { get; set; } = Role.Member;
}
