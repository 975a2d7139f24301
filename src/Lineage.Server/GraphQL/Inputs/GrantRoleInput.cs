using Lineage.Identity;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class GrantRoleInput
{
    public string Resource { get; set; } = "";

    public string Member { get; set; } = "";

    public Role Role { get; set; }
}
