namespace Lineage.Model;

/// <summary>One page of a keyset-ordered list; each item carries the key its cursor is made from.</summary>
public sealed record Page<T>(IReadOnlyList<PageItem<T>> Items, bool HasNextPage)
{
    public static Page<T> Empty { get; } = new([], false);
}
