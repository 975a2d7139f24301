namespace Lineage.Server.GraphQL.Inputs;

public sealed class UnlinkArtifactInput
{
    public string Artifact { get; set; } = "";
}
