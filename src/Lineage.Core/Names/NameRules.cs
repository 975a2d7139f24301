using Lineage.Errors;

namespace Lineage.Names;

/// <summary>
/// The naming rules of DESIGN §1: names use <c>[A-Za-z0-9._-]</c>, 1–128 characters, and
/// are not made of dots alone;
/// aliases follow the same rule and may not look like a version (<c>v</c> and digits).
/// </summary>
public static class NameRules
{
    public const int MaxLength = 128;

    public const string Rule = "names use only letters, digits, '.', '_' and '-', 1 to 128 characters, and are not made of dots alone";

    /// <summary>The alias the service keeps on the newest version; users cannot set or remove it.</summary>
    public const string Latest = "latest";

    public static bool IsValidName(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        var onlyDots = true;
        foreach (var c in value)
        {
            if (!IsNameChar(c))
            {
                return false;
            }

            onlyDots &= c == '.';
        }

        // "." and ".." would read as path steps in URLs and file names.
        return !onlyDots;
    }

    /// <summary>Throws <see cref="InvalidArgumentException"/> naming the rule when <paramref name="value"/> breaks it.</summary>
    public static string RequireName(string? value, string what)
    {
        if (!IsValidName(value))
        {
            throw new InvalidArgumentException($"{what} {Quote(value)} is not a valid name: {Rule}");
        }

        return value!;
    }

    /// <summary>True for <c>v</c> followed by one or more ASCII digits, the form of a version.</summary>
    public static bool LooksLikeVersion(string value) =>
        value.Length > 1 && value[0] == 'v' && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>Validates an alias a user gives: the name rule, not version-like, not <c>latest</c>.</summary>
    public static string RequireUserAlias(string? value)
    {
        RequireName(value, "alias");
        if (LooksLikeVersion(value!))
        {
            throw new InvalidArgumentException(
                $"alias {Quote(value)} is not allowed: aliases may not look like a version (v followed by digits)");
        }

        if (value == Latest)
        {
            throw new InvalidArgumentException(
                "alias 'latest' is kept by the service on the newest version and cannot be set or removed");
        }

        return value!;
    }

    /// <summary>How many aliases one command may give at once.</summary>
    public const int MaxAliasesPerCommand = 100;

    /// <summary>Aliases given at once: each a user alias, at most <see cref="MaxAliasesPerCommand"/>, repeats dropped.</summary>
    public static IReadOnlyList<string> RequireUserAliases(IReadOnlyList<string>? aliases)
    {
        if (aliases is { Count: > MaxAliasesPerCommand })
        {
            throw new LimitExceededException("aliases", $"at most {MaxAliasesPerCommand} aliases can be given at once, not {aliases.Count}");
        }

        return [.. (aliases ?? []).Select(RequireUserAlias).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A value for an error message: quoted, at most 64 characters, control characters shown as ?.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "(null)";
        }

        // Keep error messages short and printable whatever the client sent.
        var shown = value.Length > 64 ? value[..64] + "…" : value;
        return "'" + new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray()) + "'";
    }

    private static bool IsNameChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-';
}
