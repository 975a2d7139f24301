using System.Text.Json.Nodes;

namespace Lineage.Names;

/// <summary>
/// The compact text of a JSON object (a run's config, a version's metadata) that has passed the
/// checks of <see cref="ContentRules"/>: the only ways to make one go through them, so a command
/// holding one needs no second look.
/// </summary>
public sealed class JsonObjectText
{
    private JsonObjectText(string text)
    {
        Text = text;
    }

    public string Text { get; }

    /// <summary>A value as a client sent it, within <paramref name="maxBytes"/>; null stays null.</summary>
    public static JsonObjectText? From(JsonNode? value, string what, int maxBytes) =>
        ContentRules.RequireJsonObject(value, what, maxBytes) is { } text ? new(text) : null;

    /// <summary>JSON text made from a client's values (OpenLineage facets), checked as a client's value is, within <paramref name="maxBytes"/>.</summary>
    public static JsonObjectText FromText(string text, string what, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            throw new Errors.LimitExceededException(what, $"{what} is larger than {maxBytes} bytes (limit maxJsonBytes)");
        }

        return new(ContentRules.RequireJsonObjectText(text, what)!);
    }

    /// <summary>JSON text from elsewhere (a batch, a tool), checked as a client's value is; null stays null.</summary>
    public static JsonObjectText? Parse(string? text, string what) =>
        ContentRules.RequireJsonObjectText(text, what) is { } checkedText ? new(checkedText) : null;

    public override string ToString() => Text;
}
