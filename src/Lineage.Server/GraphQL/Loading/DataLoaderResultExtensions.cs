using GraphQL.DataLoader;

namespace Lineage.Server.GraphQL.Loading;

internal static class DataLoaderResultExtensions
{
    /// <summary>Maps a pending result; <paramref name="map"/> may itself start more loads.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, TResult> map) =>
        new Deferred<TResult>(async cancellationToken => map(await source.GetResultAsync(cancellationToken).ConfigureAwait(false)));
}
