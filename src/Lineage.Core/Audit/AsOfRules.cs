using Lineage.Errors;

namespace Lineage.Audit;

/// <summary>The times an <c>asOf</c> argument may name: not in the future, and not before what it asks about began.</summary>
public static class AsOfRules
{
    /// <summary>Throws INVALID_ARGUMENT naming <c>asOf</c> unless <paramref name="began"/> ≤ <paramref name="asOf"/> ≤ <paramref name="now"/>.</summary>
    public static void Check(DateTimeOffset asOf, DateTimeOffset now, DateTimeOffset began, string what)
    {
        if (asOf > now)
        {
            throw new InvalidArgumentException($"asOf ({asOf.UtcDateTime:O}) is in the future; the record goes up to now ({now.UtcDateTime:O})")
            {
                Argument = "asOf",
            };
        }

        if (asOf < began)
        {
            throw new InvalidArgumentException($"asOf ({asOf.UtcDateTime:O}) is before the record of {what} began ({began.UtcDateTime:O})")
            {
                Argument = "asOf",
            };
        }
    }

    /// <summary>The bound a history read takes to keep events at <paramref name="asOf"/> itself: its until is exclusive.</summary>
    public static DateTimeOffset Through(DateTimeOffset asOf) => asOf.AddTicks(1);
}
