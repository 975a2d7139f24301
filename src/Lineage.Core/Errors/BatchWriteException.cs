namespace Lineage.Errors;

/// <summary>
/// One write of a batch was refused, so the batch stored nothing. Carries the refusal's code
/// and details, and says which write it was.
/// </summary>
public sealed class BatchWriteException : LineageException
{
    public BatchWriteException(int index, int count, LineageException inner, string item = "write")
        : base($"{item} {index + 1} of {count} in the batch was refused, and nothing of the batch was stored: {inner?.Message}", inner!)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Index = index;
        Refusal = inner;
    }

    /// <summary>The refused write's place in the batch, from 0.</summary>
    public int Index { get; }

    public LineageException Refusal { get; }

    public override string Code => Refusal.Code;

    public override IReadOnlyDictionary<string, object?> Details =>
        new Dictionary<string, object?>(Refusal.Details) { ["batchIndex"] = Index };
}
