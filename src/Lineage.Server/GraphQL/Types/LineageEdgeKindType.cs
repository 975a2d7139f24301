using GraphQL.Types;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Types;

internal sealed class LineageEdgeKindType : EnumerationGraphType<EdgeKind>
{
    public LineageEdgeKindType()
    {
        Name = "LineageEdgeKind";
        Description = "USED: a run took the version as input (version → run). LOGGED: a run produced the version (run → version).";
    }
}
