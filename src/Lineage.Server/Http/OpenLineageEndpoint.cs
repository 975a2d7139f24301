using System.IO.Compression;
using System.Text.Json;
using Lineage.Application;
using Lineage.Errors;
using Lineage.OpenLineage;
using Lineage.Server.Auth;
using Lineage.Server.GraphQL;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Lineage.Server.Http;

/// <summary>
/// <c>POST /api/v1/lineage</c>, where OpenLineage's HTTP transport sends events: one event as a
/// JSON object, a batch as a JSON array, or one event per line (<c>application/x-ndjson</c>),
/// as sent or gzipped.
/// Every event is checked before any is applied; then they apply in one transaction. Answers 201
/// with what was added, or an error naming the event, the field and the rule.
/// </summary>
internal sealed class OpenLineageEndpoint(OpenLineageIngest ingest, IActorAccessor actors, IOptions<ApiLimits> limits) : IDisposable
{
    /// <summary>
    /// How many requests are read and applied at once; the others wait their turn with their
    /// bodies unread. Their writes take turns anyway, and a body in memory can be
    /// <c>MaxLineageEventBytes</c> and several times that once read.
    /// </summary>
    private const int AtOnce = 2;

    private readonly SemaphoreSlim _turns = new(AtOnce);

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    private static readonly string[] NdjsonTypes = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"];

    public async Task HandleAsync(HttpContext http)
    {
        if (await ExportRequests.BeginAsync(http, actors, HttpMethods.Post).ConfigureAwait(false) is not { } actor)
        {
            return;
        }

        try
        {
            await _turns.WaitAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client left while waiting: there is no one to answer.
            return;
        }

        try
        {
            var lineageNamespace = ExportRequests.Single(http.Request.Query, "namespace") ?? actor.Name;
            var events = await ReadEventsAsync(http.Request, limits.Value.MaxLineageEventBytes, limits.Value.MaxJsonBytes, http.RequestAborted).ConfigureAwait(false);
            var added = await ingest.IngestAsync(events, lineageNamespace, limits.Value.MaxJsonBytes, actor, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status201Created;
            http.Response.ContentType = ResponseMediaTypes.Json;
            await JsonSerializer.SerializeAsync(
                http.Response.Body,
                new { events = events.Count, runsCreated = added.Runs, versionsCreated = added.Versions, edgesCreated = added.Edges },
                cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (RequestError e)
        {
            await ExportRequests.WriteErrorAsync(http, e.Code, e.Message, e.Status).ConfigureAwait(false);
        }
        catch (LineageException e)
        {
            var status = e.Code is ErrorCodes.CycleDetected or ErrorCodes.Conflict ? StatusCodes.Status409Conflict : (int?)null;
            await ExportRequests.WriteErrorAsync(http, e.Code, e.Message, status, e.Details).ConfigureAwait(false);
        }
        finally
        {
            _turns.Release();
        }
    }

    public void Dispose() => _turns.Dispose();

    private static async Task<IReadOnlyList<OpenLineageEvent>> ReadEventsAsync(HttpRequest request, int maxBytes, int maxFacetBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            throw new RequestError(
                StatusCodes.Status415UnsupportedMediaType,
                "send events with Content-Type: application/json (one event, or an array of events) or application/x-ndjson (one event per line)");
        }

        var mediaType = contentType.MediaType.Value ?? string.Empty;
        var lines = NdjsonTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
        if (!lines && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestError(
                StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{mediaType}' is not accepted: send application/json (one event, or an array of events) or application/x-ndjson (one event per line)");
        }

        if (contentType.Charset.HasValue && !string.Equals(contentType.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestError(StatusCodes.Status415UnsupportedMediaType, $"charset '{contentType.Charset.Value}' is not supported: send UTF-8");
        }

        if (request.ContentLength > maxBytes)
        {
            throw GraphQLRequestReader.TooLarge(maxBytes, "maxLineageEventBytes");
        }

        var body = await ReadBodyAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        var events = new List<OpenLineageEvent>();
        if (lines)
        {
            var rest = body;
            for (var line = 1; !rest.IsEmpty; line++)
            {
                var end = rest.Span.IndexOf((byte)'\n');
                var text = end < 0 ? rest : rest[..end];
                rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
                if (text.Span.Trim(" \t\r"u8).IsEmpty)
                {
                    continue;
                }

                using var document = Parse(text, $"line {line}");
                Add(events, document.RootElement, maxFacetBytes);
            }
        }
        else
        {
            using var document = Parse(body, "the request body");
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    Add(events, element, maxFacetBytes);
                }
            }
            else
            {
                Add(events, document.RootElement, maxFacetBytes);
            }
        }

        if (events.Count == 0)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, "the request holds no events: send one event, an array of events, or one event per line");
        }

        return events;
    }

    /// <summary>
    /// The body as sent, or unzipped when it says <c>Content-Encoding: gzip</c> (as OpenLineage's
    /// HTTP transport sends it with <c>compression: gzip</c>). The limit holds for the unzipped
    /// bytes, so a small body cannot unzip into a large one.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        const string Limit = "maxLineageEventBytes";
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length == 0 || string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            return await GraphQLRequestReader.ReadBodyAsync(request.Body, maxBytes, cancellationToken, Limit, request.ContentLength).ConfigureAwait(false);
        }

        if (!string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestError(StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not accepted: send the body as it is, or with Content-Encoding: gzip");
        }

        try
        {
            await using var unzipped = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            return await GraphQLRequestReader.ReadBodyAsync(unzipped, maxBytes, cancellationToken, Limit).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, $"the request body is not valid gzip: {e.Message}");
        }
    }

    private static void Add(List<OpenLineageEvent> events, JsonElement element, int maxFacetBytes)
    {
        if (events.Count == OpenLineageIngest.MaxEvents)
        {
            throw new RequestError(
                StatusCodes.Status400BadRequest,
                $"a request carries at most {OpenLineageIngest.MaxEvents} events (limit maxLineageEvents): send the rest in another",
                ErrorCodes.LimitExceeded);
        }

        try
        {
            events.Add(OpenLineageReader.Read(element, events.Count, maxFacetBytes));
        }
        catch (InvalidOperationException e)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, $"event {events.Count + 1} holds text that is not valid Unicode: {e.Message}");
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> text, string where)
    {
        try
        {
            return JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, $"{where} is not valid JSON: {e.Message}");
        }
    }
}
