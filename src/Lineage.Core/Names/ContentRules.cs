using Lineage.Errors;

namespace Lineage.Names;

/// <summary>Rules for the free-form strings of a logged version: digests and manifest paths.</summary>
public static class ContentRules
{
    public const int MaxDigestLength = 512;
    public const int MaxFilePathLength = 1024;

    /// <summary>A digest is 1–512 printable ASCII characters without spaces (hex, base64, <c>sha256:…</c>).</summary>
    public static string RequireDigest(string? value, string what = "digest")
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxDigestLength || value.Any(c => c is <= ' ' or > '~'))
        {
            throw new InvalidArgumentException(
                $"{what} {NameRules.Quote(value)} is not valid: a digest is 1 to {MaxDigestLength} printable ASCII characters without spaces");
        }

        return value;
    }

    /// <summary>A manifest path is 1–1024 characters with no control characters.</summary>
    public static string RequireFilePath(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxFilePathLength || value.Any(char.IsControl))
        {
            throw new InvalidArgumentException(
                $"file path {NameRules.Quote(value)} is not valid: 1 to {MaxFilePathLength} characters, no control characters");
        }

        return value;
    }
}
