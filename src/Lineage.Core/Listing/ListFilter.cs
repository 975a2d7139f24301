using Lineage.Model;

namespace Lineage.Listing;

/// <summary>
/// What a list keeps; a criterion left null keeps everything. A list of values keeps items that
/// match any of them; criteria together keep items that match all of them.
/// </summary>
public sealed record ListFilter
{
    public static ListFilter None { get; } = new();

    /// <summary>Run job types, or artifact and collection types.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    public IReadOnlyList<RunState>? States { get; init; }

    /// <summary>The user or service account that created the item.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Created at or after this time.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Created before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Part of the name, ignoring case.</summary>
    public string? NameContains { get; init; }

    /// <summary>The whole name, exactly: what a look-up by name inside a parent asks.</summary>
    public string? Name { get; init; }

    /// <summary>Versions holding any of these aliases (<c>latest</c> included).</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>Versions or collections carrying any of these tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
}
