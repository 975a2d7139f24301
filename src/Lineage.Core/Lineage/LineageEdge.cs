namespace Lineage.Lineage;

public readonly record struct LineageEdge(NodeRef From, NodeRef To, EdgeKind Kind)
{
    /// <summary>An edge of <paramref name="kind"/> between a run and a version, pointing the way the data flows.</summary>
    public static LineageEdge Of(EdgeKind kind, long runId, long versionId) => EdgeKinds.Of(kind).From == NodeKind.Run
        ? new(NodeRef.Run(runId), NodeRef.Version(versionId), kind)
        : new(NodeRef.Version(versionId), NodeRef.Run(runId), kind);

    /// <summary>The data-flow edge from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static LineageEdge Between(NodeRef from, NodeRef to) => new(from, to, EdgeKinds.Between(from.Kind, to.Kind).Kind);
}
