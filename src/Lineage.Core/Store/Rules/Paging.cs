using Lineage.Model;

namespace Lineage.Store.Rules;

/// <summary>Putting what a store read into the pages and counts the store contract returns.</summary>
public static class Paging
{
    /// <summary>
    /// One page per parent from rows that hold up to <c>first + 1</c> children per parent in key
    /// order; every parent asked for gets a page, empty when it has no rows.
    /// </summary>
    public static IReadOnlyDictionary<long, Page<long>> Group(
        IEnumerable<(long Parent, long Child, long Key)> rows, IEnumerable<long> parentIds, int first)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(parentIds);
        var pages = new Dictionary<long, Page<long>>();
        foreach (var group in rows.GroupBy(r => r.Parent))
        {
            var items = group.Take(first).Select(r => new PageItem<long>(r.Child, r.Key)).ToList();
            pages[group.Key] = new Page<long>(items, group.Count() > first);
        }

        foreach (var id in parentIds)
        {
            pages.TryAdd(id, Page<long>.Empty);
        }

        return pages;
    }

    /// <summary>A page from rows holding up to <c>first + 1</c> items.</summary>
    public static Page<T> Take<T>(IReadOnlyList<PageItem<T>> rows, int first)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new Page<T>([.. rows.Take(first)], rows.Count > first);
    }

    /// <summary>Counts per parent; every parent asked for gets one, 0 when it has no rows.</summary>
    public static IReadOnlyDictionary<long, int> Counts(IEnumerable<(long Parent, int Count)> rows, IEnumerable<long> parentIds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(parentIds);
        var counts = rows.ToDictionary(r => r.Parent, r => r.Count);
        foreach (var id in parentIds)
        {
            counts.TryAdd(id, 0);
        }

        return counts;
    }
}
