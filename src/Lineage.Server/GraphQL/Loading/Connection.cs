using GraphQL.DataLoader;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>A page of a Relay connection; the total is counted only when a client asks for it.</summary>
internal sealed class Connection<T>
{
    private readonly T[]? _nodes;
    private readonly long[]? _keys;
    private IReadOnlyList<PageItem<T>>? _items;

    public Connection(IReadOnlyList<PageItem<T>> items, bool hasNextPage, bool hasPreviousPage, Func<IDataLoaderResult<int>> totalCount)
    {
        _items = items;
        HasNextPage = hasNextPage;
        HasPreviousPage = hasPreviousPage;
        TotalCount = totalCount;
    }

    /// <summary>A page held as its records and their cursor keys, in the same order.</summary>
    public Connection(T[] nodes, long[] keys, bool hasNextPage, bool hasPreviousPage, Func<IDataLoaderResult<int>> totalCount)
    {
        _nodes = nodes;
        _keys = keys;
        HasNextPage = hasNextPage;
        HasPreviousPage = hasPreviousPage;
        TotalCount = totalCount;
    }

    /// <summary>A list that holds nothing, and never can.</summary>
    public static Connection<T> Empty { get; } = new([], false, false, () => new Deferred<int>(_ => Task.FromResult(0)));

    public bool HasNextPage { get; }

    public bool HasPreviousPage { get; }

    public Func<IDataLoaderResult<int>> TotalCount { get; }

    public int Count => _nodes?.Length ?? _items!.Count;

    public IReadOnlyList<T> Nodes => _nodes ?? (IReadOnlyList<T>)[.. _items!.Select(i => i.Value)];

    public IReadOnlyList<PageItem<T>> Items => _items ??= [.. _nodes!.Select((node, i) => new PageItem<T>(node, _keys![i]))];

    public long FirstKey => _keys is null ? _items![0].Key : _keys[0];

    public long LastKey => _keys is null ? _items![^1].Key : _keys[^1];
}
