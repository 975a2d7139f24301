using Lineage.Names;

namespace Lineage.Registry;

/// <summary>Links <see cref="Artifact"/> (a project version, or a linked version standing for its source) into a collection.</summary>
public sealed record LinkArtifactCommand(VersionRef Artifact, CollectionPath Collection, IReadOnlyList<string> Aliases);
