namespace Lineage.Lineage;

/// <summary>Committed projects, artifacts, runs, versions and edges to add to a <see cref="GraphIndex"/>, each in the order they were stored.</summary>
public sealed class GraphDelta
{
    private readonly List<(long Seq, long RunId, long VersionId)>[] _edges = [.. EdgeKinds.All.Select(_ => new List<(long, long, long)>())];

    public List<(long Id, long NamespaceId, string Path)> Projects { get; } = [];

    public List<(long Id, long ProjectId, string Name, string Type)> Artifacts { get; } = [];

    public List<(long Id, long ProjectId, string Name, string? JobType)> Runs { get; } = [];

    public List<(long Id, long ArtifactId, int Index)> Versions { get; } = [];

    /// <summary>The edges of one kind, each with its position in the store's order of that kind.</summary>
    public List<(long Seq, long RunId, long VersionId)> Edges(EdgeKind kind) => _edges[(int)kind];

    public bool IsEmpty => Projects.Count + Artifacts.Count + Runs.Count + Versions.Count + _edges.Sum(e => e.Count) == 0;
}
