namespace Lineage.Errors;

/// <summary>
/// The service cannot carry out the request now, for a passing reason it names (the disk is
/// full, the database is read-only); nothing of the request was stored, and the same request
/// may succeed later.
/// </summary>
public sealed class UnavailableException : LineageException
{
    public UnavailableException(string reason, string message, Exception inner) : base(message, inner)
    {
        Reason = reason;
    }

    /// <summary>A machine-readable cause, e.g. <c>diskFull</c>.</summary>
    public string Reason { get; }

    public override string Code => ErrorCodes.Unavailable;

    public override IReadOnlyDictionary<string, object?> Details =>
        new Dictionary<string, object?> { ["reason"] = Reason, ["retryable"] = true };
}
