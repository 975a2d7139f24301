namespace Lineage.Server.GraphQL.Inputs;

public sealed class AliasInput
{
    public string Artifact { get; set; } = "";

    public string Alias { get; set; } = "";

    public string? ExpectedVersion { get; set; }
}
