using GraphQL.DataLoader;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>A page of a Relay connection; the total is counted only when a client asks for it.</summary>
internal sealed record Connection<T>(IReadOnlyList<PageItem<T>> Items, bool HasNextPage, bool HasPreviousPage, Func<IDataLoaderResult<int>> TotalCount)
{
    /// <summary>A list that holds nothing, and never can.</summary>
    public static Connection<T> Empty { get; } = new([], false, false, () => new Deferred<int>(_ => Task.FromResult(0)));
}
