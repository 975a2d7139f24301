namespace Lineage.Lineage;

/// <summary>
/// A validated multi-hop lineage question (see DESIGN §2). The answer holds at most
/// <see cref="MaxNodes"/> nodes and <see cref="MaxEdges"/> edges; when either budget leaves
/// something out, the answer says it is truncated.
/// </summary>
public sealed record LineageQuery(
    NodeRef Start,
    LineageDirection Direction,
    int Depth,
    IReadOnlySet<string>? ArtifactTypes,
    IReadOnlySet<string>? JobTypes,
    int MaxNodes)
{
    /// <summary>How many edges an answer may hold per node of its budget: enough for the DAGs of real work, bounded for any graph.</summary>
    public const int EdgesPerNode = 2;

    public int MaxEdges => (int)Math.Min(int.MaxValue, (long)MaxNodes * EdgesPerNode);

    /// <summary>A past time: only edges recorded at or before it are walked, so nothing recorded later is reached.</summary>
    public DateTimeOffset? AsOf { get; init; }
}
