namespace Lineage.Lineage;

public readonly record struct LineageEdge(NodeRef From, NodeRef To, EdgeKind Kind)
{
    /// <summary>The data-flow edge between a run and a version, whatever the order they are given in.</summary>
    /// <summary>An edge of <paramref name="kind"/> between a run and a version, pointing the way the data flows.</summary>
    public static LineageEdge Of(EdgeKind kind, long runId, long versionId) => kind == EdgeKind.Used
        ? new(NodeRef.Version(versionId), NodeRef.Run(runId), kind)
        : new(NodeRef.Run(runId), NodeRef.Version(versionId), kind);

    public static LineageEdge Between(NodeRef a, NodeRef b) =>
        a.Kind == NodeKind.Artifact ? new(a, b, EdgeKind.Used) : new(a, b, EdgeKind.Logged);
}
