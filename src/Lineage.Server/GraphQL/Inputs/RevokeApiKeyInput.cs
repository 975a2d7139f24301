namespace Lineage.Server.GraphQL.Inputs;

public sealed class RevokeApiKeyInput
{
    public string Id { get; set; } = "";
}
