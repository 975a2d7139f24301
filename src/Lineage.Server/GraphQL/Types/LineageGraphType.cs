using GraphQL.Types;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Types;

internal sealed class LineageGraphType : ObjectGraphType<LineageGraph>
{
    public LineageGraphType()
    {
        Name = "LineageGraph";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description("True when the depth, the node budget or the edge budget (twice the node budget) left out nodes or edges that the filters admit.")
            .Resolve(c => c.Source.Truncated);
    }
}
