namespace Lineage.Lineage;

/// <summary>The direction of one walk over the graph, relative to the data flow.</summary>
public enum WalkDirection
{
    Downstream,
    Upstream,
}
