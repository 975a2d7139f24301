using GraphQL.Types;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Types;

internal sealed class LineageDirectionType : EnumerationGraphType<LineageDirection>
{
    public LineageDirectionType()
    {
        Name = "LineageDirection";
        Description = "UPSTREAM: what a node was made from. DOWNSTREAM: what was made from it. BOTH: the two together.";
    }
}
