using GraphQL.Types;

namespace Lineage.Server.GraphQL.Types;

internal sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

internal sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Reads(s => s.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Reads(s => s.HasPreviousPage);
        Field<StringGraphType>("startCursor").Reads(s => s.StartCursor);
        Field<StringGraphType>("endCursor").Reads(s => s.EndCursor);
    }
}
