namespace Lineage.Lineage;

/// <summary>
/// The upstreams of two runs or two versions side by side: each node of either, marked as in
/// both, only in one, or (for versions) a different version of the same artifact; and how the
/// configs of the runs that made them differ.
/// </summary>
public sealed record LineageComparison(
    LineageNode A,
    LineageNode B,
    IReadOnlyList<ComparedNode> Nodes,
    IReadOnlyList<ConfigChange> ConfigChanges,
    bool Truncated);

/// <summary>One node of a comparison: <see cref="A"/> and <see cref="B"/> are its place in each upstream, null where it has none.</summary>
public sealed record ComparedNode(ComparisonStatus Status, LineageNode? A, LineageNode? B);

/// <summary>How a node of a comparison stands, in the order a reviewer reads them: changes first.</summary>
public enum ComparisonStatus
{
    /// <summary>Each is made from a different version of the same artifact.</summary>
    ChangedVersion,

    OnlyInA,

    OnlyInB,

    /// <summary>The same run or version is upstream of both.</summary>
    Both,
}

/// <summary>A config key (a dotted path into nested objects) whose value differs: JSON text, null where the key is absent.</summary>
public sealed record ConfigChange(string Key, string? A, string? B);
