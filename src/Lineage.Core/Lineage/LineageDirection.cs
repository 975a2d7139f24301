namespace Lineage.Lineage;

public enum LineageDirection
{
    /// <summary>What the start node was made from.</summary>
    Upstream,

    /// <summary>What was made from the start node.</summary>
    Downstream,

    /// <summary>Both of the above (not the undirected neighbourhood: siblings are not reached).</summary>
    Both,
}
