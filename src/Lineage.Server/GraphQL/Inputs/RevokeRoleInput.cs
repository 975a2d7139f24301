namespace Lineage.Server.GraphQL.Inputs;

public sealed class RevokeRoleInput
{
    public string Resource { get; set; } = "";

    public string Member { get; set; } = "";
}
