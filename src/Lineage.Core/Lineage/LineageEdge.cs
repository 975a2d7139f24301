namespace Lineage.Lineage;

public readonly record struct LineageEdge(NodeRef From, NodeRef To, EdgeKind Kind)
{
    /// <summary>The data-flow edge between a run and a version, whatever the order they are given in.</summary>
    public static LineageEdge Between(NodeRef a, NodeRef b) =>
        a.Kind == NodeKind.Artifact ? new(a, b, EdgeKind.Used) : new(a, b, EdgeKind.Logged);
}
