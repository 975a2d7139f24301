using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lineage.Server.GraphQL.Scalars;

/// <summary>
/// A stored JSON value (run config, version metadata) as an answer carries it: its text,
/// written as it is. The answer holds one reference to the stored text however often the value
/// appears in it, instead of a parsed copy per appearance.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
internal sealed record RawJson(string Text);

/// <summary>Writes a <see cref="RawJson"/> into an answer untouched; the text was written by the service itself.</summary>
internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("stored JSON is only ever written into answers");

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Text, skipInputValidation: true);
    }
}
