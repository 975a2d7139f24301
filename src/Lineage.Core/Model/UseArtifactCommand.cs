using Lineage.Names;

namespace Lineage.Model;

public sealed record UseArtifactCommand(RunPath Run, VersionRef Artifact) : ILineageWrite;
