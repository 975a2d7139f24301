using GraphQL;
using Lineage.Errors;

namespace Lineage.Server.GraphQL.Errors;

/// <summary>A core error as the client sees it: its message, its code and its details.</summary>
internal sealed class LineageExecutionError : ExecutionError
{
    public LineageExecutionError(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
        : base(message)
    {
        Code = code;
        Details = details ?? new Dictionary<string, object?>();
    }

    public LineageExecutionError(LineageException exception)
        : this(exception.Code, exception.Message, exception.Details)
    {
    }

    public IReadOnlyDictionary<string, object?> Details { get; }
}
