namespace Lineage.Lineage;

/// <summary>Committed rows to add to a <see cref="GraphIndex"/>, each table in id order.</summary>
public sealed class GraphDelta
{
    public List<(long Id, long NamespaceId, string Path)> Projects { get; } = [];

    public List<(long Id, long ProjectId, string Name, string Type)> Artifacts { get; } = [];

    public List<(long Id, long ProjectId, string Name, string? JobType)> Runs { get; } = [];

    public List<(long Id, long ArtifactId, int Index)> Versions { get; } = [];

    /// <summary>USED edges: the run took the version as input.</summary>
    public List<(long Seq, long RunId, long VersionId)> Used { get; } = [];

    /// <summary>LOGGED edges: the run produced the version.</summary>
    public List<(long Seq, long RunId, long VersionId)> Logged { get; } = [];

    /// <summary>The edges of one kind.</summary>
    public List<(long Seq, long RunId, long VersionId)> Edges(EdgeKind kind) => kind == EdgeKind.Used ? Used : Logged;

    public bool IsEmpty => Projects.Count + Artifacts.Count + Runs.Count + Versions.Count + Used.Count + Logged.Count == 0;
}
