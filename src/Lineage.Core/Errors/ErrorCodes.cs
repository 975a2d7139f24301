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
    public const string Internal = "INTERNAL";
}
