using System.Globalization;
using System.Text.Json;
using Lineage.Application;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Model;
using Lineage.Server.Auth;
using Lineage.Server.GraphQL;

namespace Lineage.Server.Http;

/// <summary>
/// <c>GET /history?path=acme/models/zoo-classifier</c>: a registry's, collection's or artifact's history as
/// newline-delimited JSON, oldest first, for SIEM tools. <c>after</c> (a position) resumes
/// where an earlier export ended; <c>actions</c> (comma-separated), <c>actor</c>,
/// <c>since</c> and <c>until</c> filter as <c>history</c> does. The answer is streamed page by
/// page, so a long history never sits in memory whole.
/// </summary>
internal sealed class HistoryExportEndpoint
{
    public const string ContentType = "application/x-ndjson";

    private const int PageSize = 500;

    private readonly IActorAccessor _actors;
    private readonly Registries _store;
    private readonly OpaqueIds _ids;

    public HistoryExportEndpoint(IActorAccessor actors, Registries store, OpaqueIds ids)
    {
        _actors = actors;
        _store = store;
        _ids = ids;
    }

    public async Task HandleAsync(HttpContext http)
    {
        if (await ExportRequests.BeginAsync(http, _actors).ConfigureAwait(false) is not { } actor)
        {
            return;
        }

        string path;
        AuditQuery query;
        long after;
        Page<AuditEventRecord> page;
        try
        {
            (path, query, after) = ReadParameters(http.Request.Query);

            // The first page is read before anything is written, so that a refusal still gets a proper status.
            page = await _store.GetHistoryAsync(path, query, new PageRequest(PageSize, after), actor.Access, http.RequestAborted).ConfigureAwait(false);
        }
        catch (LineageException e)
        {
            await ExportRequests.WriteErrorAsync(http, e.Code, e.Message).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = ContentType;
        while (true)
        {
            foreach (var item in page.Items)
            {
                await WriteLineAsync(http.Response.Body, item.Value, _ids, http.RequestAborted).ConfigureAwait(false);
            }

            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            if (!page.HasNextPage)
            {
                return;
            }

            try
            {
                page = await _store.GetHistoryAsync(path, query, new PageRequest(PageSize, page.Items[^1].Key), actor.Access, http.RequestAborted).ConfigureAwait(false);
            }
            catch (LineageException e)
            {
                // The status is sent: an export that cannot go on ends with a line saying why,
                // so that a reader never takes a cut history for a whole one.
                await WriteErrorLineAsync(http.Response.Body, e, page.Items[^1].Key, http.RequestAborted).ConfigureAwait(false);
                return;
            }
        }
    }

    private static async Task WriteErrorLineAsync(Stream body, LineageException e, long lastPosition, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(new
        {
            error = new { message = e.Message, code = e.Code, resumeAfter = lastPosition },
        });
        await body.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static (string Path, AuditQuery Query, long After) ReadParameters(IQueryCollection parameters)
    {
        var path = ExportRequests.Single(parameters, "path") ?? throw new InvalidArgumentException("the parameter 'path' is required: a registry, collection or artifact path");
        var after = 0L;
        if (ExportRequests.Single(parameters, "after") is { } afterText
            && (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            throw new InvalidArgumentException($"'after' must be an event position (0 or more), not '{afterText}'");
        }

        HashSet<AuditAction>? actions = null;
        if (ExportRequests.Single(parameters, "actions") is { } actionsText)
        {
            actions = [];
            foreach (var name in actionsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    actions.Add(AuditChain.ParseAction(name));
                }
                catch (FormatException)
                {
                    throw new InvalidArgumentException(
                        $"'{name}' in 'actions' is not an audit action: use {string.Join(", ", Enum.GetValues<AuditAction>().Select(AuditChain.ActionName))}");
                }
            }
        }

        var actor = ExportRequests.Single(parameters, "actor");
        if (actor is not null)
        {
            Names.NameRules.RequireName(actor, "actor");
        }

        return (path, new AuditQuery(actions, actor, Time(parameters, "since"), Time(parameters, "until"), OldestFirst: true), after);
    }

    private static DateTimeOffset? Time(IQueryCollection parameters, string name) =>
        ExportRequests.Single(parameters, name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at
        : throw new InvalidArgumentException($"'{name}' must be an ISO-8601 time such as 2026-11-24T09:00:00Z, not '{text}'");

    private static async Task WriteLineAsync(Stream body, AuditEventRecord e, OpaqueIds ids, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", ids.Id("event", e.Id));
            json.WriteNumber("format", e.Format);
            if (e.Format == 1)
            {
                // Events hashed before salted commitments covered their database id.
                json.WriteNumber("legacyId", e.Id);
            }

            json.WriteNumber("position", e.Position);
            json.WriteString("targetKind", AuditChain.TargetKindName(e.TargetKind));
            json.WriteString("target", e.Target);
            json.WriteString("action", AuditChain.ActionName(e.Action));
            json.WriteString("at", AuditChain.FormatTime(e.At));
            json.WriteString("actor", e.Actor);
            json.WriteString("version", e.Version);
            json.WriteString("source", e.Source);
            if (e.Format != 1)
            {
                // What the hash covers for the source, and, for a reader who may see the source,
                // the salt that shows the commitment is the source's.
                json.WriteString("sourceCommitment", AuditChain.SourceCommitment(e) is { } commitment ? Convert.ToHexStringLower(commitment) : null);
                json.WriteString("sourceSalt", e.SourceSalt is { } salt ? Convert.ToHexStringLower(salt) : null);
            }

            json.WriteString("alias", e.Alias);
            json.WriteString("tag", e.Tag);
            json.WriteString("member", e.Member);
            json.WriteString("role", e.Role);
            json.WriteString("visibility", e.Visibility);
            json.WriteString("requestId", e.RequestId);
            json.WriteString("hash", Convert.ToHexStringLower(e.Hash));
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        buffer.Position = 0;
        await buffer.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
