namespace Lineage.Lineage;

/// <summary>A validated multi-hop lineage question (see DESIGN §2).</summary>
public sealed record LineageQuery(
    NodeRef Start,
    LineageDirection Direction,
    int Depth,
    IReadOnlySet<string>? ArtifactTypes,
    IReadOnlySet<string>? JobTypes,
    int MaxNodes);
