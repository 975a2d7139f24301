using System.Globalization;
using System.Text.Json;

namespace Lineage.Neo4j;

/// <summary>The rows a statement returned, in the Query API's plain JSON form.</summary>
public sealed class CypherResult
{
    private readonly Dictionary<string, int> _fields;

    internal CypherResult(IReadOnlyList<string> fields, IReadOnlyList<JsonElement[]> values)
    {
        Fields = fields;
        _fields = fields.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        Rows = [.. values.Select(v => new CypherRow(this, v))];
    }

    public static CypherResult Empty { get; } = new([], []);

    public IReadOnlyList<string> Fields { get; }

    public IReadOnlyList<CypherRow> Rows { get; }

    internal int Field(string name) =>
        _fields.TryGetValue(name, out var index) ? index : throw new KeyNotFoundException($"the result has no field '{name}'");
}

/// <summary>One row; values are read by field name, or by member name inside a returned map.</summary>
public sealed class CypherRow
{
    private readonly CypherResult _result;
    private readonly JsonElement[] _values;

    internal CypherRow(CypherResult result, JsonElement[] values)
    {
        _result = result;
        _values = values;
    }

    public JsonElement this[string field] => _values[_result.Field(field)];

    public long Long(string field) => this[field].GetInt64();

    public long? NullableLong(string field) => Cypher.NullableLong(this[field]);

    public string String(string field) => this[field].GetString() ?? throw new InvalidOperationException($"field '{field}' is null");

    public string? NullableString(string field) => Cypher.NullableString(this[field]);

    public bool Bool(string field) => this[field].GetBoolean();
}

/// <summary>Reading values out of returned maps.</summary>
internal static class Cypher
{
    public static JsonElement Member(JsonElement map, string name) =>
        map.TryGetProperty(name, out var value) ? value : default;

    public static long Long(JsonElement map, string name) => Member(map, name).GetInt64();

    public static int Int(JsonElement map, string name) => Member(map, name).GetInt32();

    public static long? NullableLong(JsonElement map, string name) => NullableLong(Member(map, name));

    public static string String(JsonElement map, string name) =>
        Member(map, name).GetString() ?? throw new InvalidOperationException($"member '{name}' is null");

    public static string? NullableString(JsonElement map, string name) => NullableString(Member(map, name));

    public static bool Bool(JsonElement map, string name) => Member(map, name).ValueKind == JsonValueKind.True;

    public static DateTimeOffset Time(JsonElement map, string name) => ParseTime(String(map, name));

    public static DateTimeOffset? NullableTime(JsonElement map, string name) =>
        NullableString(map, name) is { } text ? ParseTime(text) : null;

    public static List<string> Strings(JsonElement map, string name) =>
        Member(map, name) is { ValueKind: JsonValueKind.Array } list ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [];

    public static long? NullableLong(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value.GetInt64();

    public static string? NullableString(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value.GetString();

    /// <summary>Times are stored as ISO-8601 UTC text with seven fractional digits: sortable as strings.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
