using GraphQL.Types;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

/// <summary>A Relay edge: the node and its cursor.</summary>
internal abstract class EdgeType<TNodeType, T> : ObjectGraphType<PageItem<T>>
    where TNodeType : IGraphType
{
    protected EdgeType(string nodeName)
    {
        Name = nodeName + "Edge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Lineage().Ids.Cursor(c.Source.Key));
        Field<NonNullGraphType<TNodeType>>("node").Reads(s => s.Value);
    }
}
