namespace Lineage.Errors;

/// <summary>
/// Base of every error the core raises on purpose. <see cref="Code"/> is the
/// stable, client-facing error code (GraphQL <c>extensions.code</c>).
/// </summary>
public abstract class LineageException : Exception
{
    protected LineageException(string message) : base(message)
    {
    }

    protected LineageException(string message, Exception inner) : base(message, inner)
    {
    }

    public abstract string Code { get; }

    /// <summary>Extra machine-readable details, added to <c>extensions</c>.</summary>
    public virtual IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?>();
}
