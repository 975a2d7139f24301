namespace Lineage.Server.GraphQL.Inputs;

public sealed class ArtifactFileInput
{
    public string Path { get; set; } = "";

    public string Digest { get; set; } = "";

    public long Size { get; set; }
}
