namespace Lineage.Server.GraphQL.Inputs;

public sealed class CreateApiKeyInput
{
    public string? Owner { get; set; }

    public string Name { get; set; } = "";

    public DateTime? ExpiresAt { get; set; }
}
