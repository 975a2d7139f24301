using GraphQL.Types;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Types;

internal sealed class LineageGraphType : ObjectGraphType<LineageGraph>
{
    public LineageGraphType()
    {
        Name = "LineageGraph";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeType>>>>("nodes").Reads(s => s.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageEdgeType>>>>("edges").Reads(s => s.Edges);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description("True when the depth, the node budget or the edge budget (twice the node budget) left out nodes or edges that the filters admit.")
            .Reads(s => s.Truncated);
    }
}
