using GraphQL.Types;

namespace Lineage.Server.GraphQL.Types;

internal sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

internal sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(p => p.HasNextPage);
        Field(p => p.HasPreviousPage);
        Field(p => p.StartCursor, nullable: true);
        Field(p => p.EndCursor, nullable: true);
    }
}
