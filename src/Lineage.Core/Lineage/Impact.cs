namespace Lineage.Lineage;

/// <summary>
/// What a run or version has reached downstream: the registry versions linked from anything
/// below it (<see cref="Links"/>), and the runs and project versions on the paths from it to
/// them. <see cref="Truncated"/> says a budget left something out.
/// </summary>
public sealed record Impact(
    LineageNode Start,
    IReadOnlyList<ImpactedLink> Links,
    IReadOnlyList<LineageNode> Runs,
    IReadOnlyList<LineageNode> Versions,
    bool Truncated);

/// <summary>A registry version linked from <see cref="Source"/>, a version downstream of the start.</summary>
public sealed record ImpactedLink(long LinkId, LineageNode Source);
