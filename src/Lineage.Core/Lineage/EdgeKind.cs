namespace Lineage.Lineage;

/// <summary>Edges follow the data flow: <c>USED</c> goes version → run, <c>LOGGED</c> goes run → version.</summary>
public enum EdgeKind
{
    Used,
    Logged,
}
