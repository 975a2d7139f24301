using Lineage.Errors;
using Lineage.Model;

namespace Lineage.Store.Rules;

/// <summary>How a name search is checked and its hits ordered, the same in every store.</summary>
public static class SearchRules
{
    public const int MaxText = 100;

    public const int MaxHits = 100;

    /// <summary>The text to look for, trimmed and lower-cased; refused when empty or too long.</summary>
    public static string Text(string text, int first)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new InvalidArgumentException("search text must not be empty");
        }

        if (trimmed.Length > MaxText)
        {
            throw new LimitExceededException("searchText", $"search text holds at most {MaxText} characters, not {trimmed.Length}");
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new InvalidArgumentException("search text must not contain control characters; no name holds one");
        }

        if (first is < 1 or > MaxHits)
        {
            throw new InvalidArgumentException($"first must be between 1 and {MaxHits}, not {first}");
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>Names that start with the text first, then shorter names, then by name and path.</summary>
    public static IReadOnlyList<SearchHit> Order(IEnumerable<SearchHit> hits, string text, int first)
    {
        ArgumentNullException.ThrowIfNull(hits);
        return [.. hits
            .OrderBy(h => h.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(h => h.Name.Length)
            .ThenBy(h => h.Name, StringComparer.Ordinal)
            .ThenBy(h => h.Path, StringComparer.Ordinal)
            .Take(first)];
    }
}
