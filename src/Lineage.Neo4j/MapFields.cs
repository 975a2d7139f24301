using System.Text.Json;
using Lineage.Store;

namespace Lineage.Neo4j;

/// <summary>
/// A map a statement returns, read by the model's field names, which are the stored properties'
/// names: records list their fields once, in Core, and every node's properties come back as
/// <c>n {.*}</c>, so a property added to a node is read without a change here.
/// </summary>
internal sealed class MapFields(JsonElement map) : IFieldReader
{
    public string Text(string name) => Cypher.String(map, name);

    public string? NullableText(string name) => Cypher.NullableString(map, name);

    public long Long(string name) => Cypher.Long(map, name);

    public long? NullableLong(string name) => Cypher.NullableLong(map, name);

    public DateTimeOffset Time(string name) => Cypher.Time(map, name);

    public DateTimeOffset? NullableTime(string name) => Cypher.NullableTime(map, name);

    /// <summary>A command's stored fields as one map, for <c>SET n += $fields</c>.</summary>
    public static Dictionary<string, object?> Of(IReadOnlyList<StoredField> fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
}
