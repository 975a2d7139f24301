using Lineage.Names;

namespace Lineage.Model;

public sealed record AliasCommand(VersionRef Artifact, string Alias);
