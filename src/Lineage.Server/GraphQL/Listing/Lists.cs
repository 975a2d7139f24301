using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Lineage.Listing;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Listing;

/// <summary>The <c>filter</c> and <c>orderBy</c> arguments of a list, and its resolution.</summary>
internal static class Lists
{
    public static FieldBuilder<TSource, TReturn> Filtered<TSource, TReturn, TFilter, TOrder>(this FieldBuilder<TSource, TReturn> field)
        where TFilter : FilterInputType
        where TOrder : IInputObjectGraphType =>
        field
            .Paged()
            .Argument<TFilter>("filter", "Which items to keep; all when not given.")
            .Argument<TOrder>("orderBy", "The order; oldest first when not given. Cursors stay valid in any order.");

    /// <summary>
    /// The list as a connection. Without a filter or an order, the page comes from the batch
    /// loaders shared by every parent on the level; otherwise from the list's own query.
    /// </summary>
    public static object? Resolve(IResolveFieldContext context, ListKind kind, long parent, Func<PageRequest, object?> unfiltered)
    {
        var page = Args.Page(context);
        var filter = context.GetArgument<FilterInputType.Value?>("filter");
        var order = context.GetArgument<OrderValue?>("orderBy");
        if (filter is null && order is null)
        {
            return unfiltered(page);
        }

        var query = ListRules.Check(kind, parent, filter?.Filter() ?? ListFilter.None, order?.Order() ?? ListOrder.Default, page);
        return context.Lineage().Loaders.List(query);
    }
}
