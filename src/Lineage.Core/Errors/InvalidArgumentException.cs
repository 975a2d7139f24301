namespace Lineage.Errors;

public sealed class InvalidArgumentException : LineageException
{
    public InvalidArgumentException(string message) : base(message)
    {
    }

    public override string Code => ErrorCodes.InvalidArgument;

    /// <summary>The argument at fault as the API spells it (<c>filter.createdAfter</c>, <c>asOf</c>), when one is.</summary>
    public string? Argument { get; init; }

    public override IReadOnlyDictionary<string, object?> Details =>
        Argument is null ? base.Details : new Dictionary<string, object?> { ["argument"] = Argument };
}
