using Lineage.Names;

namespace Lineage.Model;

public sealed record LogArtifactCommand(
    RunPath Run,
    string Name,
    string Type,
    string Digest,
    string? MetadataJson,
    IReadOnlyList<string> Aliases,
    long? Size = null,
    IReadOnlyList<VersionFile>? Files = null) : ILineageWrite;
