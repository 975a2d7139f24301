using System.Globalization;

namespace Lineage.Sqlite;

/// <summary>Timestamps are stored as ISO-8601 UTC text: sortable, and readable in the sqlite3 shell.</summary>
internal static class Time
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
