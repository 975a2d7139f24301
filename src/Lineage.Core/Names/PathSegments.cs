using Lineage.Errors;

namespace Lineage.Names;

internal static class PathSegments
{
    public const int MaxPathLength = 512;

    public static string[] Split(string? value, int count, string what, string form)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidArgumentException($"{what} is empty: expected {form}");
        }

        if (value.Length > MaxPathLength)
        {
            throw new InvalidArgumentException($"{what} is longer than {MaxPathLength} characters: expected {form}");
        }

        var parts = value.Split('/');
        if (parts.Length != count)
        {
            throw new InvalidArgumentException($"{what} {NameRules.Quote(value)} must have the form {form}");
        }

        return parts;
    }
}
