using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;

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

    /// <summary>The version asked for, checked as every command is.</summary>
    internal LogArtifactCommand Command(ApiLimits limits) => new(
        RunPath.Parse(Run, "run"),
        Name,
        Type,
        Digest,
        Args.JsonObject(Metadata, "metadata", limits),
        Aliases ?? [],
        Size,
        Manifest(limits),
        Description);

    private List<VersionFile>? Manifest(ApiLimits limits)
    {
        if (Files is null)
        {
            return null;
        }

        if (Files.Count > limits.MaxManifestFiles)
        {
            throw new LimitExceededException("files", $"a manifest holds at most {limits.MaxManifestFiles} files, not {Files.Count} (limit maxManifestFiles)");
        }

        return [.. Files.Select(f => new VersionFile(f.Path, f.Digest, f.Size))];
    }
}
