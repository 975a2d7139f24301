using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Server.GraphQL;

/// <summary>Reading and checking arguments: every refusal names the argument and the rule.</summary>
internal static class Args
{
    public static FieldBuilder<TSource, TReturn> Paged<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", "How many items to return: 50 when not given, at most 1000.")
            .Argument<StringGraphType>("after", "Return the items after this cursor (an endCursor or edge cursor).");

    public static PageRequest Page(IResolveFieldContext context)
    {
        var limits = context.Lineage().Limits;
        var first = context.GetArgument<int?>("first") ?? limits.DefaultPageSize;
        if (first < 0)
        {
            throw new InvalidArgumentException($"first must be 0 or more, not {first}");
        }

        if (first > limits.MaxPageSize)
        {
            throw new LimitExceededException("first", $"first is {first} but a page holds at most {limits.MaxPageSize} items (limit first ≤ {limits.MaxPageSize})");
        }

        return new PageRequest(first, context.Lineage().Ids.DecodeCursor(context.GetArgument<string?>("after")));
    }

    /// <summary>A DateTime argument as UTC; one given without an offset is taken as UTC.</summary>
    public static DateTimeOffset? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)),
        { } v => new DateTimeOffset(v.ToUniversalTime()),
    };

    /// <summary>JSON text of a config or metadata value: an object within the size, depth and number rules.</summary>
    public static JsonObjectText? JsonObject(object? value, string what, ApiLimits limits) =>
        value is null or JsonNode ? JsonObjectText.From((JsonNode?)value, what, limits.MaxJsonBytes)
        : throw new InvalidArgumentException($"{what} must be a JSON object");
}
