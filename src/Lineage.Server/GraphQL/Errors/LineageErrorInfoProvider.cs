using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQL.Validation.Errors;
using GraphQL.Validation.Errors.Custom;
using Lineage.Errors;

namespace Lineage.Server.GraphQL.Errors;

/// <summary>
/// Shapes every error the same way: <c>message</c>, <c>locations</c>, <c>path</c> and
/// <c>extensions.code</c> from the API's list of codes, plus the error's details.
/// No stack traces, exception types or inner messages ever reach the client.
/// </summary>
internal sealed class LineageErrorInfoProvider : IErrorInfoProvider
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>
    /// Marks the errors of a mutation that was rolled back whole: <c>extensions.rolledBack</c>
    /// tells the client that none of its fields was applied.
    /// </summary>
    public const string RolledBack = "rolledBack";

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        var extensions = new Dictionary<string, object?> { ["code"] = CodeOf(executionError) };
        var message = executionError.Message;
        switch (executionError)
        {
            case LineageExecutionError lineage:
                foreach (var (key, value) in lineage.Details)
                {
                    extensions[key] = value;
                }

                break;
            case TimeoutError:
                message = "the request ran longer than the execution timeout allows (limit executionTimeout)";
                extensions["limit"] = "executionTimeout";
                break;
            case ArgumentsOfCorrectTypeError wrongValue when wrongValue.Nodes?.OfType<GraphQLParser.AST.GraphQLArgument>().FirstOrDefault() is { } argument:
                extensions["argument"] = argument.Name.StringValue;
                break;
            case ComplexityError:
                extensions["limit"] = message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? "maxQueryDepth" : "maxComplexity";
                break;
        }

        if (executionError.Data.Contains(RolledBack))
        {
            extensions[RolledBack] = true;
        }

        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    /// <summary>The code an error is answered with.</summary>
    public static string CodeOf(ExecutionError error) => error switch
    {
        LineageExecutionError lineage => lineage.Code!,
        SyntaxError => ParseFailed,
        ComplexityError => ErrorCodes.LimitExceeded,
        InvalidVariableError => ErrorCodes.InvalidArgument,

        // A literal argument of the wrong type, an unknown enum value or input field: a bad argument, as it is when sent in a variable.
        ArgumentsOfCorrectTypeError => ErrorCodes.InvalidArgument,
        ValidationError => ValidationFailed,
        TimeoutError => ErrorCodes.LimitExceeded,
        _ => ErrorCodes.Internal,
    };
}
