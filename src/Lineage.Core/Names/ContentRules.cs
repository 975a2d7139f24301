using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Errors;

namespace Lineage.Names;

/// <summary>Rules for free-form content: digests, manifest paths, and JSON values (run config, version metadata).</summary>
public static class ContentRules
{
    public const int MaxDigestLength = 512;
    public const int MaxFilePathLength = 1024;

    /// <summary>
    /// How deep a config or metadata value may nest (an object or array inside another counts one
    /// level). Well below the 64 levels JSON readers commonly stop at, so that a stored value can
    /// be read back wherever an answer places it.
    /// </summary>
    public const int MaxJsonDepth = 32;

    /// <summary>
    /// The compact text of a JSON object (config, metadata): at most <see cref="MaxJsonDepth"/>
    /// levels deep, every number a finite 64-bit float, at most <paramref name="maxBytes"/> bytes.
    /// </summary>
    public static string? RequireJsonObject(JsonNode? value, string what, int maxBytes)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not JsonObject)
        {
            throw new InvalidArgumentException($"{what} must be a JSON object");
        }

        CheckJson(value, what, 1);
        var text = value.ToJsonString();
        if (System.Text.Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            throw new LimitExceededException(what, $"{what} is larger than {maxBytes} bytes (limit maxJsonBytes)");
        }

        return text;
    }

    /// <summary>
    /// JSON text that must hold an object, by the rules of <see cref="RequireJsonObject"/> apart
    /// from its size, which the API limits before a command is made.
    /// </summary>
    public static string? RequireJsonObjectText(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        // A document, not a tree of nodes: this text can be as large as the limit allows, and
        // a document holds it in a fraction of the memory.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxJsonDepth + 2 });
        }
        catch (JsonException)
        {
            throw new InvalidArgumentException($"{what} must be a JSON object, nested at most {MaxJsonDepth} levels");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidArgumentException($"{what} must be a JSON object");
            }

            CheckJson(document.RootElement, what, 1);
        }

        return text;
    }

    private static void CheckJson(JsonElement element, string what, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                RequireDepth(what, depth);
                foreach (var property in element.EnumerateObject())
                {
                    CheckJson(property.Value, what, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                RequireDepth(what, depth);
                foreach (var item in element.EnumerateArray())
                {
                    CheckJson(item, what, depth + 1);
                }

                break;
            case JsonValueKind.Number:
                if (!double.TryParse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new InvalidArgumentException(
                        $"{what} holds a number out of range: numbers must fit a 64-bit float (at most about ±1.8e308)");
                }

                break;
        }
    }

    /// <summary>How long a description may be, in characters.</summary>
    public const int MaxDescriptionLength = 4096;

    /// <summary>A description: free text of at most <see cref="MaxDescriptionLength"/> characters, with no control characters but line breaks and tabs.</summary>
    public static string? RequireDescription(string? value, string what)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxDescriptionLength)
        {
            throw new LimitExceededException(what, $"{what} is {value.Length} characters long; at most {MaxDescriptionLength} are kept");
        }

        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw new InvalidArgumentException($"{what} holds a control character; only line breaks and tabs are allowed");
        }

        return value;
    }

    private static void CheckJson(JsonNode? node, string what, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                RequireDepth(what, depth);
                foreach (var (_, child) in obj)
                {
                    CheckJson(child, what, depth + 1);
                }

                break;
            case JsonArray array:
                RequireDepth(what, depth);
                foreach (var child in array)
                {
                    CheckJson(child, what, depth + 1);
                }

                break;
            case JsonValue number when number.GetValueKind() == JsonValueKind.Number:
                if (FiniteText(number) is null)
                {
                    throw new InvalidArgumentException(
                        $"{what} holds a number out of range: numbers must fit a 64-bit float (at most about ±1.8e308)");
                }

                break;
        }
    }

    /// <summary>The number's JSON text when it is a finite 64-bit float, else null.</summary>
    private static string? FiniteText(JsonValue number)
    {
        if (number.TryGetValue<double>(out var value) && !double.IsFinite(value))
        {
            return null;
        }

        try
        {
            // Integers, decimals and numbers as written in a document are judged by their text.
            var text = number.ToJsonString();
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) ? text : null;
        }
        catch (ArgumentException)
        {
            // A non-finite float has no JSON text at all.
            return null;
        }
    }

    private static void RequireDepth(string what, int depth)
    {
        if (depth > MaxJsonDepth)
        {
            throw new InvalidArgumentException($"{what} nests deeper than {MaxJsonDepth} levels of objects and arrays; flatten it");
        }
    }

    /// <summary>A digest is 1–512 printable ASCII characters without spaces (hex, base64, <c>sha256:…</c>).</summary>
    public static string RequireDigest(string? value, string what = "digest")
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxDigestLength || value.Any(c => c is <= ' ' or > '~'))
        {
            throw new InvalidArgumentException(
                $"{what} {NameRules.Quote(value)} is not valid: a digest is 1 to {MaxDigestLength} printable ASCII characters without spaces");
        }

        return value;
    }

    /// <summary>A manifest path is 1–1024 characters with no control characters.</summary>
    public static string RequireFilePath(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxFilePathLength || value.Any(char.IsControl))
        {
            throw new InvalidArgumentException(
                $"file path {NameRules.Quote(value)} is not valid: 1 to {MaxFilePathLength} characters, no control characters");
        }

        return value;
    }
}
