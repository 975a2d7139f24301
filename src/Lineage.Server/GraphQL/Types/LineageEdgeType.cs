using GraphQL.Types;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Types;

internal sealed class LineageEdgeType : ObjectGraphType<LineageEdge>
{
    public LineageEdgeType()
    {
        Name = "LineageEdge";
        Description = "An edge in data-flow order: version → run for USED, run → version for LOGGED.";
        Field<NonNullGraphType<IdGraphType>>("from").Resolve(c => c.Lineage().Ids.Node(c.Source.From));
        Field<NonNullGraphType<IdGraphType>>("to").Resolve(c => c.Lineage().Ids.Node(c.Source.To));
        Field<NonNullGraphType<LineageEdgeKindType>>("kind").Reads(s => s.Kind);
    }
}
