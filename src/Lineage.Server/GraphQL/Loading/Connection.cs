using GraphQL.DataLoader;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>A page of a Relay connection; the total is counted only when a client asks for it.</summary>
internal sealed record Connection<T>(IReadOnlyList<PageItem<T>> Items, bool HasNextPage, bool HasPreviousPage, Func<IDataLoaderResult<int>> TotalCount);
