using GraphQL.Types;
using Lineage.Server.GraphQL.Scalars;

namespace Lineage.Server.GraphQL;

internal sealed class LineageSchema : Schema
{
    public LineageSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        RegisterType(typeof(JsonGraphType));
    }
}
