using System.Text.Json;
using Lineage.Errors;
using Lineage.Model;
using Lineage.Server.Auth;

namespace Lineage.Server.Http;

/// <summary>
/// What the plain-HTTP exports (<c>/history</c>, <c>/lineage/export</c>) share: the caller's key,
/// GET only, parameters given once, and errors as a GraphQL-shaped body with a status that
/// says what went wrong.
/// </summary>
internal static class ExportRequests
{
    /// <summary>The caller, or null after answering 401, or 405 to a method other than <paramref name="method"/>.</summary>
    public static async Task<Actor?> BeginAsync(HttpContext http, IActorAccessor actors, string method = "GET")
    {
        var (actor, refusal) = await actors.GetActorAsync(http).ConfigureAwait(false);
        if (actor is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(http, ErrorCodes.Unauthenticated, refusal!).ConfigureAwait(false);
            return null;
        }

        if (!string.Equals(http.Request.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.Allow = method;
            await WriteErrorAsync(http, ErrorCodes.InvalidArgument, $"method {http.Request.Method} is not allowed: use {method}", StatusCodes.Status405MethodNotAllowed).ConfigureAwait(false);
            return null;
        }

        return actor;
    }

    /// <summary>A parameter given at most once.</summary>
    public static string? Single(IQueryCollection parameters, string name)
    {
        var values = parameters[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new InvalidArgumentException($"the parameter '{name}' is given {values.Count} times; give it once"),
        };
    }

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.Unavailable or ErrorCodes.DataCorrupted => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.Internal => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>An error body shaped as GraphQL's: the message, and the code with any <paramref name="details"/> in <c>extensions</c>.</summary>
    public static async Task WriteErrorAsync(
        HttpContext http, string code, string message, int? status = null, IReadOnlyDictionary<string, object?>? details = null)
    {
        http.Response.StatusCode = status ?? StatusOf(code);
        http.Response.ContentType = ResponseMediaTypes.Json;
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in details ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        await JsonSerializer.SerializeAsync(
            http.Response.Body,
            new { errors = new[] { new { message, extensions } } },
            cancellationToken: http.RequestAborted).ConfigureAwait(false);
    }
}
