using System.Buffers;
using System.Text.Json;
using Lineage.Errors;
using Microsoft.Net.Http.Headers;

namespace Lineage.Server.Http;

/// <summary>Reads and checks the parameters of a GraphQL-over-HTTP request; anything malformed is a <see cref="RequestError"/>.</summary>
internal static class GraphQLRequestReader
{
    // Duplicate member names are refused: which of two values a reader keeps is anyone's guess.
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static GraphQLHttpRequest FromQueryString(IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            if (values.Count > 1)
            {
                throw new RequestError(StatusCodes.Status400BadRequest, $"the query string gives '{key}' more than once");
            }
        }

        var text = query["query"].FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            throw new RequestError(StatusCodes.Status400BadRequest, "the request has no query: add a 'query' parameter holding a GraphQL document");
        }

        return new GraphQLHttpRequest(
            text,
            NullIfEmpty(query["operationName"].FirstOrDefault()),
            ParseMap(query["variables"].FirstOrDefault(), "variables"),
            ParseMap(query["extensions"].FirstOrDefault(), "extensions"));
    }

    public static async Task<GraphQLHttpRequest> FromBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestError(StatusCodes.Status415UnsupportedMediaType, "a POST request must have Content-Type: application/json");
        }

        if (contentType.Charset.HasValue && !string.Equals(contentType.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestError(StatusCodes.Status415UnsupportedMediaType, $"charset '{contentType.Charset.Value}' is not supported: send UTF-8");
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var body = await ReadBodyAsync(request.Body, maxBytes, cancellationToken).ConfigureAwait(false);
        if (body.Length == 0)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, "the request body is empty: send a JSON object with a 'query'");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, $"the request body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return FromBody(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // Well-formed JSON that is not valid text, such as a lone UTF-16 surrogate.
                throw new RequestError(StatusCodes.Status400BadRequest, $"the request body holds text that is not valid Unicode: {e.Message}");
            }
        }
    }

    private static GraphQLHttpRequest FromBody(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, "the request body must be a JSON object");
        }

        if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || query.GetString() is not { Length: > 0 } text)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, "the request has no query: the body needs a string property 'query'");
        }

        string? operationName = null;
        if (root.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            operationName = name.ValueKind == JsonValueKind.String
                ? NullIfEmpty(name.GetString())
                : throw new RequestError(StatusCodes.Status400BadRequest, "'operationName' must be a string or null");
        }

        return new GraphQLHttpRequest(text, operationName, Map(root, "variables"), Map(root, "extensions"));
    }

    private static JsonElement? Map(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value.Clone()
            : throw new RequestError(StatusCodes.Status400BadRequest, $"'{property}' must be a JSON object or null");
    }

    private static JsonElement? ParseMap(string? text, string parameter)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, JsonOptions);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Object => document.RootElement.Clone(),
                _ => throw new RequestError(StatusCodes.Status400BadRequest, $"'{parameter}' must be a JSON object"),
            };
        }
        catch (JsonException e)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, $"'{parameter}' is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// The whole body, or a 413 past <paramref name="maxBytes"/> naming the <paramref name="limit"/>
    /// setting. A body of a stated length is read into one buffer of that size (and one byte more,
    /// to notice a body longer than it said), rather than a buffer grown by doubling.
    /// </summary>
    internal static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(
        Stream body, int maxBytes, CancellationToken cancellationToken, string limit = "maxRequestBytes", long? length = null)
    {
        var buffer = new ArrayBufferWriter<byte>(length is { } stated and <= int.MaxValue ? (int)Math.Min(stated + 1, maxBytes + 1L) : Math.Min(maxBytes + 1, 16 * 1024));
        while (true)
        {
            var memory = buffer.GetMemory(length is null ? 4096 : 1);
            var read = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                throw TooLarge(maxBytes, limit);
            }
        }
    }

    internal static RequestError TooLarge(int maxBytes, string limit = "maxRequestBytes") =>
        new(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {maxBytes} bytes (limit {limit})", ErrorCodes.LimitExceeded);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
