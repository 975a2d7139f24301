using GraphQL.Types;
using Lineage.Server.GraphQL.Loading;

namespace Lineage.Server.GraphQL.Types;

/// <summary>A Relay connection: <c>totalCount</c>, <c>edges</c>, <c>nodes</c> and <c>pageInfo</c>.</summary>
internal abstract class ConnectionType<TNodeType, TEdgeType, T> : ObjectGraphType<Connection<T>>
    where TNodeType : IGraphType
    where TEdgeType : IGraphType
{
    protected ConnectionType(string nodeName)
    {
        Name = nodeName + "Connection";
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many items the whole list holds.")
            .Resolve(c => c.Source.TotalCount());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges").Reads(s => s.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Reads(s => s.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => new PageInfo(
            c.Source.HasNextPage,
            c.Source.HasPreviousPage,
            c.Source.Count == 0 ? null : c.Lineage().Ids.Cursor(c.Source.FirstKey),
            c.Source.Count == 0 ? null : c.Lineage().Ids.Cursor(c.Source.LastKey)));
    }
}
