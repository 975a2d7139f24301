using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL.Execution;
using Lineage.Errors;
using Lineage.Server.Auth;
using Lineage.Server.GraphQL;
using Lineage.Server.GraphQL.Errors;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Http;

/// <summary>
/// <c>GET /lineage/export?start=acme/zoo/zoo-ylbchv20:v0&amp;format=mermaid</c>: the text
/// <c>lineageExport</c> answers, as a file. The other parameters are <c>lineage</c>'s
/// arguments: <c>direction</c>, <c>depth</c>, <c>maxNodes</c>, <c>artifactTypes</c> and
/// <c>jobTypes</c> (comma-separated) and <c>asOf</c>. It runs as that GraphQL query does, with
/// its cost, its limits and what the caller may see.
/// </summary>
internal sealed class LineageExportEndpoint
{
    private const string Query = """
        query Export($start: String!, $format: LineageExportFormat!, $direction: LineageDirection, $depth: Int,
                     $maxNodes: Int, $artifactTypes: [String!], $jobTypes: [String!], $asOf: DateTime) {
          lineageExport(start: $start, format: $format, direction: $direction, depth: $depth, maxNodes: $maxNodes,
                        artifactTypes: $artifactTypes, jobTypes: $jobTypes, asOf: $asOf)
        }
        """;

    /// <summary>Each format by the name the parameter takes, with the media type and file extension it is sent as.</summary>
    private static readonly Dictionary<string, (string Enum, string MediaType, string Extension)> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mermaid"] = ("MERMAID", "text/vnd.mermaid; charset=utf-8", "mmd"),
        ["dot"] = ("DOT", "text/vnd.graphviz; charset=utf-8", "dot"),
        ["graphml"] = ("GRAPHML", "application/graphml+xml; charset=utf-8", "graphml"),
        ["openlineage"] = ("OPENLINEAGE", "application/json; charset=utf-8", "json"),
    };

    private readonly IActorAccessor _actors;
    private readonly GraphQLHttpEndpoint _graphql;
    private readonly ApiLimits _limits;

    public LineageExportEndpoint(IActorAccessor actors, GraphQLHttpEndpoint graphql, IOptions<ApiLimits> limits)
    {
        _actors = actors;
        _graphql = graphql;
        _limits = limits.Value;
    }

    public async Task HandleAsync(HttpContext http)
    {
        if (await ExportRequests.BeginAsync(http, _actors).ConfigureAwait(false) is not { } actor)
        {
            return;
        }

        JsonObject variables;
        (string Enum, string MediaType, string Extension) format;
        try
        {
            (variables, format) = ReadParameters(http.Request.Query);
        }
        catch (LineageException e)
        {
            await ExportRequests.WriteErrorAsync(http, e.Code, e.Message).ConfigureAwait(false);
            return;
        }

        var result = await _graphql.RunQueryAsync(http, actor, Query, JsonSerializer.SerializeToElement(variables)).ConfigureAwait(false);
        if (result.Errors is { Count: > 0 } errors)
        {
            var code = LineageErrorInfoProvider.CodeOf(errors[0]);
            await ExportRequests.WriteErrorAsync(http, code, errors[0].Message).ConfigureAwait(false);
            return;
        }

        var text = result.Data is ExecutionNode root && root.ToValue() is IDictionary<string, object?> data && data["lineageExport"] is string s
            ? s
            : throw new InvalidOperationException("the export query answered no text");
        // The same bound as any answer of the GraphQL endpoint.
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (bytes.Length > _limits.MaxResponseBytes)
        {
            await ExportRequests.WriteErrorAsync(
                http,
                ErrorCodes.LimitExceeded,
                $"the export is larger than {_limits.MaxResponseBytes} bytes (limit maxResponseBytes): lower maxNodes or depth, or filter by type").ConfigureAwait(false);
            return;
        }

        var start = variables["start"]!.GetValue<string>();
        var name = string.Concat(start.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = format.MediaType;
        http.Response.Headers.ContentDisposition = $"inline; filename=\"lineage-{name}.{format.Extension}\"";
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    private static (JsonObject Variables, (string Enum, string MediaType, string Extension) Format) ReadParameters(IQueryCollection parameters)
    {
        var start = ExportRequests.Single(parameters, "start")
            ?? throw new InvalidArgumentException("the parameter 'start' is required: a run path or a version name, as lineage takes");
        var formatName = ExportRequests.Single(parameters, "format")
            ?? throw new InvalidArgumentException($"the parameter 'format' is required: one of {string.Join(", ", Formats.Keys)}");
        if (!Formats.TryGetValue(formatName, out var format))
        {
            throw new InvalidArgumentException($"'{formatName}' is not an export format: use one of {string.Join(", ", Formats.Keys)}");
        }

        var variables = new JsonObject { ["start"] = start, ["format"] = format.Enum };
        if (ExportRequests.Single(parameters, "direction") is { } direction)
        {
            variables["direction"] = direction.ToUpperInvariant();
        }

        foreach (var name in new[] { "depth", "maxNodes" })
        {
            if (ExportRequests.Single(parameters, name) is { } text)
            {
                variables[name] = int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw new InvalidArgumentException($"'{name}' must be a whole number, not '{text}'");
            }
        }

        foreach (var name in new[] { "artifactTypes", "jobTypes" })
        {
            if (ExportRequests.Single(parameters, name) is { } list)
            {
                variables[name] = new JsonArray([.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => JsonValue.Create(t))]);
            }
        }

        if (ExportRequests.Single(parameters, "asOf") is { } asOf)
        {
            variables["asOf"] = asOf;
        }

        return (variables, format);
    }
}
