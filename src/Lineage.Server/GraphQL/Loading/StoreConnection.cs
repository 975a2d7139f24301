using Lineage.Model;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>Connections over pages the store reads directly, without a batch loader.</summary>
internal static class StoreConnection
{
    /// <summary>The page as a connection; <paramref name="count"/> runs only if the client asks for <c>totalCount</c>.</summary>
    public static Connection<T> Of<T>(Page<T> page, PageRequest request, Func<CancellationToken, Task<int>> count) =>
        new(page.Items, page.HasNextPage, request.AfterKey > 0, () => new Deferred<int>(count));
}
