using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Listing;

/// <summary>
/// Which filters and orders each list takes, and the checks every filter passes before a store
/// sees it. Errors name the argument as the API spells it (<c>filter.createdAfter</c>).
/// </summary>
public static class ListRules
{
    /// <summary>How many values one criterion (job types, aliases, ...) may list.</summary>
    public const int MaxValues = 100;

    /// <summary>The longest text <c>nameContains</c> takes: the longest name.</summary>
    public const int MaxTextLength = NameRules.MaxLength;

    /// <summary>The orders each list admits.</summary>
    public static IReadOnlySet<ListOrderField> Orders(ListKind kind) => kind switch
    {
        ListKind.ProjectRuns => new HashSet<ListOrderField> { ListOrderField.CreatedAt, ListOrderField.Name, ListOrderField.Type, ListOrderField.State },
        ListKind.ProjectArtifacts or ListKind.RegistryCollections =>
            new HashSet<ListOrderField> { ListOrderField.CreatedAt, ListOrderField.Name, ListOrderField.Type },
        ListKind.ArtifactVersions => new HashSet<ListOrderField> { ListOrderField.CreatedAt, ListOrderField.Version },
        ListKind.NamespaceProjects => new HashSet<ListOrderField> { ListOrderField.CreatedAt, ListOrderField.Name },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The API's name of <see cref="ListFilter.Types"/> in a list's filter.</summary>
    public static string TypesArgument(ListKind kind) => kind == ListKind.ProjectRuns ? "filter.jobTypes" : "filter.types";

    /// <summary>Checks <paramref name="filter"/> and <paramref name="order"/> for a list.</summary>
    public static ListQuery Check(ListKind kind, long parent, ListFilter filter, ListOrder order, PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(page);
        if (!Orders(kind).Contains(order.Field))
        {
            throw Invalid("orderBy.field", $"orderBy.field {order.Field} does not order this list; it takes {string.Join(", ", Orders(kind))}");
        }

        Refuse(filter.Types, kind is ListKind.ArtifactVersions or ListKind.NamespaceProjects, TypesArgument(kind));
        Refuse(filter.States, kind != ListKind.ProjectRuns, "filter.states");
        Refuse(filter.Aliases, kind != ListKind.ArtifactVersions, "filter.aliases");
        Refuse(filter.Tags, kind is not (ListKind.ArtifactVersions or ListKind.RegistryCollections), "filter.tags");
        Refuse(filter.NameContains, kind == ListKind.ArtifactVersions, "filter.nameContains");
        Refuse(filter.CreatedBy, kind == ListKind.ProjectArtifacts, "filter.createdBy");

        Names(filter.Types, TypesArgument(kind), NameRules.IsValidName);
        Values(filter.States, "filter.states");
        Names(filter.Aliases, "filter.aliases", NameRules.IsValidName);
        Names(filter.Tags, "filter.tags", NameRules.IsValidName);
        if (filter.CreatedBy is { } by && !NameRules.IsValidName(by))
        {
            throw Invalid("filter.createdBy", $"filter.createdBy {NameRules.Quote(by)} is not a user or service account name: {NameRules.Rule}");
        }

        if (filter.NameContains is { } text && (text.Length == 0 || text.Length > MaxTextLength))
        {
            throw Invalid("filter.nameContains", $"filter.nameContains must hold 1 to {MaxTextLength} characters, not {text.Length}");
        }

        if (filter.CreatedAfter is { } after && filter.CreatedBefore is { } before && after > before)
        {
            throw Invalid(
                "filter.createdAfter",
                $"filter.createdAfter ({after.UtcDateTime:O}) is later than filter.createdBefore ({before.UtcDateTime:O}): no item could match");
        }

        return new ListQuery(kind, parent, filter, order, page);
    }

    private static InvalidArgumentException Invalid(string argument, string message) => new(message) { Argument = argument };

    private static void Refuse(object? value, bool refused, string argument)
    {
        if (value is not null && refused)
        {
            throw Invalid(argument, $"{argument} does not filter this list");
        }
    }

    private static void Values<T>(IReadOnlyList<T>? values, string argument)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count == 0)
        {
            throw Invalid(argument, $"{argument} is empty: leave it out to keep every item, or name 1 to {MaxValues} values");
        }

        if (values.Count > MaxValues)
        {
            throw Invalid(argument, $"{argument} lists {values.Count} values; at most {MaxValues} are allowed");
        }
    }

    private static void Names(IReadOnlyList<string>? values, string argument, Func<string, bool> valid)
    {
        Values(values, argument);
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (!valid(values![i]))
            {
                throw Invalid($"{argument}[{i}]", $"{argument}[{i}] {NameRules.Quote(values[i])} is not a valid name: {NameRules.Rule}");
            }
        }
    }
}
