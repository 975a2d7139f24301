namespace Lineage.Server.GraphQL.Inputs;

public sealed class LinkArtifactInput
{
    public string Artifact { get; set; } = "";

    public string Collection { get; set; } = "";

    public List<string>? Aliases { get; set; }
}
