namespace Lineage.Errors;

/// <summary>The error codes clients see in <c>extensions.code</c>.</summary>
public static class ErrorCodes
{
    public const string NotFound = "NOT_FOUND";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string CycleDetected = "CYCLE_DETECTED";
    public const string Conflict = "CONFLICT";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string LimitExceeded = "LIMIT_EXCEEDED";

    /// <summary>The service cannot do this now (a full disk, a read-only database); retrying later may succeed.</summary>
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>The stored data this request needs is damaged; an operator must check and restore it.</summary>
    public const string DataCorrupted = "DATA_CORRUPTED";
    public const string Internal = "INTERNAL";
}
