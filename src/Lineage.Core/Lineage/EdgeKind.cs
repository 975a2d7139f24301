namespace Lineage.Lineage;

/// <summary>Edges follow the data flow: <c>USED</c> goes version → run, <c>LOGGED</c> goes run → version.</summary>
public enum EdgeKind
{
    Used,
    Logged,
}

/// <summary>What an edge kind joins, and the name stores keep it under.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Name">Its name in stores: SQLite keeps <c>{Name}_edges</c>, Cypher statements are named after it.</param>
/// <param name="From">The kind of node the data flows from.</param>
/// <param name="To">The kind of node the data flows to.</param>
public sealed record EdgeKindInfo(EdgeKind Kind, string Name, NodeKind From, NodeKind To);

/// <summary>
/// Every edge kind, in one list: the graph index, the walks and the stores take their kinds
/// from here. An edge joins a run and a version; at most one kind joins them in each direction.
/// </summary>
public static class EdgeKinds
{
    public static IReadOnlyList<EdgeKindInfo> All { get; } =
    [
        new(EdgeKind.Used, "used", NodeKind.Artifact, NodeKind.Run),
        new(EdgeKind.Logged, "logged", NodeKind.Run, NodeKind.Artifact),
    ];

    public static EdgeKindInfo Of(EdgeKind kind) => All[(int)kind];

    /// <summary>The kind of an edge the data flows along from a node of kind <paramref name="from"/> to one of kind <paramref name="to"/>.</summary>
    public static EdgeKindInfo Between(NodeKind from, NodeKind to) => (from, to) switch
    {
        (NodeKind.Artifact, NodeKind.Run) => All[(int)EdgeKind.Used],
        (NodeKind.Run, NodeKind.Artifact) => All[(int)EdgeKind.Logged],
        _ => throw new ArgumentException($"no edge kind joins {from} to {to}"),
    };
}
