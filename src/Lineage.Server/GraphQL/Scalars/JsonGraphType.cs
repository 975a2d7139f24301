using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Lineage.Server.GraphQL.Scalars;

/// <summary>
/// Any JSON value (run config, version metadata). Inputs become a <see cref="JsonNode"/>;
/// outputs are the stored JSON text, written as it is (<see cref="RawJson"/>): whatever its
/// depth, and without a copy per place it appears in an answer.
/// </summary>
internal sealed class JsonGraphType : ScalarGraphType
{
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "Any JSON value: object, array, string, number, boolean or null.";
    }

    public override object? ParseLiteral(GraphQLValue value) => FromLiteral(value);

    public override object? ParseValue(object? value) => FromValue(value);

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        JsonElement element => element,
        JsonNode node => node,
        string text => new RawJson(text),
        RawJson raw => raw,
        _ => ThrowSerializationError(value),
    };

    public override bool CanParseLiteral(GraphQLValue value) => value is not GraphQLVariable;

    public override bool CanParseValue(object? value) => true;

    private static JsonNode? FromLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLBooleanValue b => JsonValue.Create(b.BoolValue),
        GraphQLStringValue s => JsonValue.Create(new string(s.Value.Span)),
        GraphQLEnumValue e => JsonValue.Create(new string(e.Name.Value.Span)),
        GraphQLIntValue i => JsonNode.Parse(new string(i.Value.Span)),
        GraphQLFloatValue f => JsonNode.Parse(new string(f.Value.Span)),
        GraphQLListValue list => new JsonArray([.. (list.Values ?? []).Select(FromLiteral)]),
        GraphQLObjectValue obj => ToObject((obj.Fields ?? []).Select(f => (new string(f.Name.Value.Span), FromLiteral(f.Value)))),
        _ => throw new InvalidOperationException($"a {value.Kind} cannot be a JSON value"),
    };

    private static JsonNode? FromValue(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        BigInteger big => JsonNode.Parse(big.ToString(CultureInfo.InvariantCulture)),
        IDictionary<string, object?> map => ToObject(map.Select(kv => (kv.Key, FromValue(kv.Value)))),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(FromValue)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonObject ToObject(IEnumerable<(string Name, JsonNode? Value)> fields)
    {
        var result = new JsonObject();
        foreach (var (name, value) in fields)
        {
            result[name] = value;
        }

        return result;
    }
}
