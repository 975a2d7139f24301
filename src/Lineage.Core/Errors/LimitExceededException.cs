namespace Lineage.Errors;

public sealed class LimitExceededException : LineageException
{
    public LimitExceededException(string limit, string message) : base(message)
    {
        Limit = limit;
    }

    /// <summary>The name of the limit that was breached, e.g. <c>maxNodes</c>.</summary>
    public string Limit { get; }

    public override string Code => ErrorCodes.LimitExceeded;

    public override IReadOnlyDictionary<string, object?> Details =>
        new Dictionary<string, object?> { ["limit"] = Limit };
}
