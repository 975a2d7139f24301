using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Lineage.Errors;

namespace Lineage.Server.GraphQL;

/// <summary>Opaque cursors: base64url of a version tag and the item's keyset key.</summary>
internal static class Cursor
{
    private const string Prefix = "k1:";

    public static string Encode(long key) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + key.ToString(CultureInfo.InvariantCulture)));

    public static long Decode(string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidArgumentException("cursor 'after' is not valid: pass an endCursor or edge cursor from an earlier page");
    }
}
