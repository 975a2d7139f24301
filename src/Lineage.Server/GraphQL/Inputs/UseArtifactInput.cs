namespace Lineage.Server.GraphQL.Inputs;

public sealed class UseArtifactInput
{
    public string Run { get; set; } = "";

    public string Artifact { get; set; } = "";
}
