using Lineage.Model;

namespace Lineage.Listing;

/// <summary>
/// A checked question for one page of a parent's list (made by <see cref="ListRules.Check"/>).
/// <see cref="PageRequest.AfterKey"/> is the id of the last item of the page before: the store
/// continues after that item's place in the order, so a cursor stays valid under any order.
/// </summary>
public sealed record ListQuery(ListKind Kind, long Parent, ListFilter Filter, ListOrder Order, PageRequest Page);
