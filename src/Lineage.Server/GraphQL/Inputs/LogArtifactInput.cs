namespace Lineage.Server.GraphQL.Inputs;

public sealed class LogArtifactInput
{
    public string Run { get; set; } = "";

    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    public string Digest { get; set; } = "";

    public object? Metadata { get; set; }

    public List<string>? Aliases { get; set; }

    public long? Size { get; set; }

    public List<ArtifactFileInput>? Files { get; set; }

    public string? Description { get; set; }
}
