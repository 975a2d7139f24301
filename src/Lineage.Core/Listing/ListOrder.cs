namespace Lineage.Listing;

/// <summary>A list's order; ties are broken by creation, in the same direction, so every order is total and cursors stay stable.</summary>
public sealed record ListOrder(ListOrderField Field, bool Descending)
{
    /// <summary>Oldest first, the order of an unfiltered list.</summary>
    public static ListOrder Default { get; } = new(ListOrderField.CreatedAt, false);
}
