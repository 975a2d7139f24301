using Microsoft.Net.Http.Headers;

namespace Lineage.Server.Http;

/// <summary>The two response media types of GraphQL over HTTP, and how a request's Accept header chooses between them.</summary>
internal enum ResponseMediaType
{
    GraphQLResponseJson,
    Json,
}

internal static class ResponseMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The preferred supported type, or null when the client accepts neither. A missing Accept
    /// header, <c>*/*</c> and <c>application/*</c> get <c>application/json</c>, which every client understands.
    /// </summary>
    public static ResponseMediaType? Negotiate(IList<string>? acceptHeaders)
    {
        if (acceptHeaders is null || acceptHeaders.Count == 0 || acceptHeaders.All(string.IsNullOrWhiteSpace))
        {
            return ResponseMediaType.Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted))
        {
            return null;
        }

        ResponseMediaType? best = null;
        var bestQuality = 0.0;
        foreach (var range in accepted)
        {
            var quality = range.Quality ?? 1.0;
            ResponseMediaType? candidate = range.MediaType.Value?.ToLowerInvariant() switch
            {
                GraphQLResponseJson => ResponseMediaType.GraphQLResponseJson,
                Json or "application/*" or "*/*" => ResponseMediaType.Json,
                _ => null,
            };
            if (candidate is null || quality <= 0)
            {
                continue;
            }

            // Higher quality wins; on a tie the more specific graphql-response type wins.
            if (quality > bestQuality || (quality == bestQuality && candidate == ResponseMediaType.GraphQLResponseJson))
            {
                best = candidate;
                bestQuality = quality;
            }
        }

        return best;
    }

    public static string ContentType(ResponseMediaType type) =>
        (type == ResponseMediaType.GraphQLResponseJson ? GraphQLResponseJson : Json) + "; charset=utf-8";
}
