using Lineage.Model;
using Lineage.Names;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class UseArtifactInput
{
    public string Run { get; set; } = "";

    public string Artifact { get; set; } = "";

    /// <summary>The use asked for, checked as every command is.</summary>
    internal UseArtifactCommand Command() => new(RunPath.Parse(Run, "run"), VersionRef.Parse(Artifact, "artifact"));
}
