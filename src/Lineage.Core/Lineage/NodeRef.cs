namespace Lineage.Lineage;

/// <summary>A lineage node: a run or an artifact version, by store id.</summary>
public readonly record struct NodeRef(NodeKind Kind, long Id) : IComparable<NodeRef>
{
    public static NodeRef Run(long id) => new(NodeKind.Run, id);

    public static NodeRef Version(long id) => new(NodeKind.Artifact, id);

    public int CompareTo(NodeRef other)
    {
        var byKind = Kind.CompareTo(other.Kind);
        return byKind != 0 ? byKind : Id.CompareTo(other.Id);
    }

    public override string ToString() => Kind == NodeKind.Run ? $"run:{Id}" : $"version:{Id}";
}
