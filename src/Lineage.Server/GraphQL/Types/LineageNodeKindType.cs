using GraphQL.Types;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Types;

internal sealed class LineageNodeKindType : EnumerationGraphType<NodeKind>
{
    public LineageNodeKindType()
    {
        Name = "LineageNodeKind";
    }
}
