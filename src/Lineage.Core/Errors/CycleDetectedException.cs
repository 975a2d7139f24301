namespace Lineage.Errors;

/// <summary>
/// A write would have closed a cycle in the lineage graph. <see cref="Path"/> lists the
/// nodes of that cycle in data-flow order, starting and ending at the same node.
/// </summary>
public sealed class CycleDetectedException : LineageException
{
    public CycleDetectedException(IReadOnlyList<string> path)
        : base($"refused: this edge would close a lineage cycle: {string.Join(" -> ", path)}")
    {
        Path = path;
    }

    public IReadOnlyList<string> Path { get; }

    public override string Code => ErrorCodes.CycleDetected;

    public override IReadOnlyDictionary<string, object?> Details =>
        new Dictionary<string, object?> { ["path"] = Path };
}
