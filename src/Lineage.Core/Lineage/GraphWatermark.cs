namespace Lineage.Lineage;

/// <summary>
/// How far a <see cref="GraphIndex"/> has read each kind of thing it holds: the highest id of
/// projects, artifacts, runs and versions, and the highest position of each edge kind.
/// </summary>
public sealed record GraphWatermark(long Project, long Artifact, long Run, long Version, IReadOnlyList<long> Edges)
{
    public static GraphWatermark Empty { get; } = new(0, 0, 0, 0, new long[EdgeKinds.All.Count]);

    public long Edge(EdgeKind kind) => Edges[(int)kind];

    public GraphWatermark WithEdge(EdgeKind kind, long position)
    {
        var edges = Edges.ToArray();
        edges[(int)kind] = position;
        return this with { Edges = edges };
    }

    public bool Equals(GraphWatermark? other) =>
        other is not null && (Project, Artifact, Run, Version) == (other.Project, other.Artifact, other.Run, other.Version) && Edges.SequenceEqual(other.Edges);

    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Project, Artifact, Run, Version);
        foreach (var edge in Edges)
        {
            hash = HashCode.Combine(hash, edge);
        }

        return hash;
    }

    public override string ToString() => $"projects {Project}, artifacts {Artifact}, runs {Run}, versions {Version}, edges [{string.Join(", ", Edges)}]";
}
