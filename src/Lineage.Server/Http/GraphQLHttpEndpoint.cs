using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Lineage.Application;
using Lineage.Errors;
using Lineage.Model;
using Lineage.Server.Auth;
using Lineage.Server.GraphQL;
using Lineage.Server.GraphQL.Errors;
using Lineage.Server.GraphQL.Streaming;
using Lineage.Store;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Http;

/// <summary>
/// GraphQL over HTTP at <c>/graphql</c>, as the GraphQL-over-HTTP specification describes:
/// POST with <c>application/json</c>, GET with URL parameters (queries only), answers in
/// <c>application/graphql-response+json</c> or <c>application/json</c> as the client accepts.
/// </summary>
internal sealed class GraphQLHttpEndpoint
{
    private static readonly ParserOptions ParserOptions = new() { Ignore = IgnoreOptions.Comments, MaxDepth = 128 };

    private readonly IDocumentExecuter<LineageSchema> _executer;
    private readonly AnswerSerializer _serializer;
    private readonly IActorAccessor _actors;
    private readonly ILineageStore _store;
    private readonly Identities _identities;
    private readonly Registries _registryStore;
    private readonly IIdempotencyStore _idempotency;
    private readonly IAtomicWorkSource _atomic;
    private readonly OpaqueIds _ids;
    private readonly ApiLimits _limits;
    private readonly ParsedDocuments _documents = new();

    /// <summary>The request header that makes a POST safe to retry.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The response header that marks an answer sent again for a retried request.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public GraphQLHttpEndpoint(
        IDocumentExecuter<LineageSchema> executer,
        AnswerSerializer serializer,
        IActorAccessor actors,
        ILineageStore store,
        Identities identities,
        Registries registryStore,
        IIdempotencyStore idempotency,
        IAtomicWorkSource atomic,
        OpaqueIds ids,
        IOptions<ApiLimits> limits)
    {
        _ids = ids;
        _idempotency = idempotency;
        _atomic = atomic;
        _executer = executer;
        _serializer = serializer;
        _actors = actors;
        _store = store;
        _identities = identities;
        _registryStore = registryStore;
        _limits = limits.Value;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var mediaType = ResponseMediaTypes.Negotiate(http.Request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(http, ResponseMediaType.Json, new RequestError(
                StatusCodes.Status406NotAcceptable,
                $"this endpoint answers in {ResponseMediaTypes.GraphQLResponseJson} or {ResponseMediaTypes.Json}; the Accept header allows neither")).ConfigureAwait(false);
            return;
        }

        try
        {
            // Nothing of a request is read before its key is checked.
            var (actor, refusal) = await _actors.GetActorAsync(http).ConfigureAwait(false);
            if (actor is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                throw new RequestError(StatusCodes.Status401Unauthorized, refusal!, ErrorCodes.Unauthenticated);
            }

            var isGet = HttpMethods.IsGet(http.Request.Method);
            if (!isGet && !HttpMethods.IsPost(http.Request.Method))
            {
                http.Response.Headers.Allow = "GET, POST";
                throw new RequestError(StatusCodes.Status405MethodNotAllowed, $"method {http.Request.Method} is not allowed: use POST, or GET for queries");
            }

            var key = IdempotencyKey(http.Request);
            var request = isGet
                ? GraphQLRequestReader.FromQueryString(http.Request.Query)
                : await GraphQLRequestReader.FromBodyAsync(http.Request, _limits.MaxRequestBytes, http.RequestAborted).ConfigureAwait(false);
            var (prepared, notExecuted) = Prepare(http, request, isGet);
            if (prepared is null)
            {
                await WriteAsync(http, mediaType.Value, Status(notExecuted!, mediaType.Value), notExecuted!).ConfigureAwait(false);
                return;
            }

            // Only mutations are kept for retries: a query is safe to run again, and runs with the
            // roles the caller holds now.
            if (!isGet && key is not null && actor.PrincipalId is { } principal && prepared.Operation.Operation == OperationType.Mutation)
            {
                await HandleIdempotentAsync(http, actor, principal, key, request, prepared, mediaType.Value).ConfigureAwait(false);
                return;
            }

            using var answer = await AnswerAsync(http, prepared, NewContext(actor), mediaType.Value).ConfigureAwait(false);
            await SendAsync(http, answer, mediaType.Value).ConfigureAwait(false);
        }
        catch (RequestError error)
        {
            await WriteRequestErrorAsync(http, mediaType.Value, error).ConfigureAwait(false);
        }
        catch (LineageException e) when (!http.Response.HasStarted)
        {
            // The store failed outside GraphQL (an Idempotency-Key claim on a full disk): same codes.
            var status = e.Code is ErrorCodes.Unavailable or ErrorCodes.DataCorrupted ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
            await WriteAsync(http, mediaType.Value, status, NotExecuted(new LineageExecutionError(e))).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A mutation with an Idempotency-Key: the first request with the key runs and its answer is
    /// kept; a retry with the same key and the same request gets that answer again and runs
    /// nothing; the same key with a different request, or while the first still runs, is
    /// refused. An answer is shown again only to the roles it was made with, and an answer that
    /// shows a secret is never kept: a retry is told what was made, without the secret.
    /// </summary>
    private async Task HandleIdempotentAsync(
        HttpContext http, Actor actor, long principal, string key, GraphQLHttpRequest request, PreparedRequest prepared, ResponseMediaType mediaType)
    {
        var claim = await _idempotency.ClaimAsync(principal, key, Fingerprint(request, mediaType), http.RequestAborted).ConfigureAwait(false);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                http.Response.Headers[ReplayedHeader] = "true";
                if (!CryptographicOperations.FixedTimeEquals(claim.Response!.AccessFingerprint, actor.Access.Fingerprint()))
                {
                    throw new RequestError(
                        StatusCodes.Status409Conflict,
                        $"the request with {IdempotencyKeyHeader} '{key}' already ran; its answer is not shown again because your roles have changed since. Query what you need instead",
                        ErrorCodes.Conflict);
                }

                http.Response.StatusCode = claim.Response.Status;
                http.Response.ContentType = claim.Response.ContentType;
                await http.Response.Body.WriteAsync(claim.Response.Body, http.RequestAborted).ConfigureAwait(false);
                return;
            case IdempotencyOutcome.InProgress:
                throw new RequestError(StatusCodes.Status409Conflict, $"a request with {IdempotencyKeyHeader} '{key}' is still running; retry when it has answered", ErrorCodes.Conflict);
            case IdempotencyOutcome.Mismatch:
                throw new RequestError(StatusCodes.Status422UnprocessableEntity, $"{IdempotencyKeyHeader} '{key}' was used for a different request; a new request needs a new key");
        }

        Answer answer;
        byte[] kept;
        int keptStatus;
        try
        {
            var context = NewContext(actor);
            answer = await AnswerAsync(http, prepared, context, mediaType).ConfigureAwait(false);
            var body = answer.Body.ToArray();
            (keptStatus, kept) = (answer.Status, body);
            var revealed = context.RevealedKeys.Where(k => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(k.Reveal())) >= 0).Select(k => k.Id).ToList();
            if (revealed.Count > 0)
            {
                using var note = await SerializeAsync(NotExecuted(new LineageExecutionError(
                    ErrorCodes.Conflict,
                    $"this request already ran and made the API key {string.Join(", ", revealed.Select(id => $"'{id}'"))}: a key's secret is shown once, " +
                    "in the first answer, and kept nowhere. If that answer was lost, revoke the key (revokeApiKey) and create another",
                    new Dictionary<string, object?> { ["apiKeys"] = revealed })), mediaType, http.RequestAborted).ConfigureAwait(false);
                (keptStatus, kept) = (StatusCodes.Status409Conflict, note.Body.ToArray());
            }
        }
        catch
        {
            // No answer to keep: a retry with the key runs the request again.
            await _idempotency.ReleaseAsync(principal, key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        using (answer)
        {
            var contentType = ResponseMediaTypes.ContentType(mediaType);
            await _idempotency.CompleteAsync(principal, key, new IdempotentResponse(keptStatus, contentType, kept, actor.Access.Fingerprint()), CancellationToken.None).ConfigureAwait(false);
            await SendAsync(http, answer, mediaType).ConfigureAwait(false);
        }
    }

    /// <summary>An answer ready to send: its status and its body, written within the response budget.</summary>
    private sealed class Answer(int status, ResponseBuffer body) : IDisposable
    {
        public int Status { get; } = status;

        public ResponseBuffer Body { get; } = body;

        public void Dispose() => Body.Dispose();
    }

    private static async Task SendAsync(HttpContext http, Answer answer, ResponseMediaType mediaType)
    {
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = ResponseMediaTypes.ContentType(mediaType);
        http.Response.ContentLength = answer.Body.Length;
        await answer.Body.SendAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The result written out, when it fits the response budget; null when it does not. The
    /// budget bounds what one answer may take in memory and on the wire.
    /// </summary>
    private async Task<Answer?> TrySerializeAsync(ExecutionResult result, ResponseMediaType mediaType, CancellationToken cancellationToken)
    {
        var buffer = new ResponseBuffer(_limits.MaxResponseBytes);
        try
        {
            _serializer.Write(buffer, result);
            return new Answer(Status(result, mediaType), buffer);
        }
        catch (ResponseBuffer.TooLargeException)
        {
            buffer.Dispose();
            return null;
        }
    }

    /// <summary>The result written out, or, when it is larger than the budget, an error that says so.</summary>
    private async Task<Answer> SerializeAsync(ExecutionResult result, ResponseMediaType mediaType, CancellationToken cancellationToken) =>
        await TrySerializeAsync(result, mediaType, cancellationToken).ConfigureAwait(false)
        ?? await TrySerializeAsync(new ExecutionResult { Executed = true, Errors = [TooLarge()] }, mediaType, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("the response budget cannot hold even an error");

    private LineageExecutionError TooLarge() => new(
        ErrorCodes.LimitExceeded,
        $"the answer is larger than {_limits.MaxResponseBytes} bytes (limit maxResponseBytes): ask for fewer fields or items, or page through them",
        new Dictionary<string, object?> { ["limit"] = "maxResponseBytes" });

    private LineageContext NewContext(Actor actor) => new(actor, _store, _identities, _registryStore, _limits, _ids);

    /// <summary>The Idempotency-Key header, if sent: 1 to 255 visible ASCII characters.</summary>
    private static string? IdempotencyKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > IdempotencyRules.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new RequestError(
                StatusCodes.Status400BadRequest,
                $"{IdempotencyKeyHeader} must be one value of 1 to {IdempotencyRules.MaxKeyLength} visible ASCII characters, such as a UUID");
        }

        return key;
    }

    /// <summary>What makes two requests the same: the document, the operation, the variables and extensions, and the answer's format.</summary>
    private static byte[] Fingerprint(GraphQLHttpRequest request, ResponseMediaType mediaType) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(
            '\0',
            request.Query,
            request.OperationName ?? "",
            request.Variables?.GetRawText() ?? "",
            request.Extensions?.GetRawText() ?? "",
            mediaType.ToString())));

    private static int Status(ExecutionResult result, ResponseMediaType mediaType) =>
        !result.Executed && mediaType == ResponseMediaType.GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    /// <summary>A request that parsed, whose operation is chosen and whose inputs were read.</summary>
    private sealed record PreparedRequest(GraphQLHttpRequest Request, ParsedDocuments.Entry Parsed, GraphQLOperationDefinition Operation, Inputs? Variables, Inputs? Extensions)
    {
        public GraphQLDocument Document => Parsed.Document;
    }

    /// <summary>
    /// Parses the document and chooses its operation; a document that cannot run gets its
    /// answer here, without executing. A mutation over GET is refused with 405.
    /// </summary>
    private (PreparedRequest? Prepared, ExecutionResult? NotExecuted) Prepare(HttpContext http, GraphQLHttpRequest request, bool isGet)
    {
        if (request.Query.Length > _limits.MaxDocumentLength)
        {
            return (null, NotExecuted(new LineageExecutionError(
                ErrorCodes.LimitExceeded,
                $"the GraphQL document is {request.Query.Length} characters long; at most {_limits.MaxDocumentLength} are accepted (limit maxDocumentLength)",
                new Dictionary<string, object?> { ["limit"] = "maxDocumentLength" })));
        }

        ParsedDocuments.Entry parsed;
        try
        {
            parsed = _documents.Find(request.Query) ?? _documents.Keep(request.Query, Parser.Parse(request.Query, ParserOptions));
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return (null, NotExecuted(new SyntaxError(e)));
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return (null, NotExecuted(new LineageExecutionError(
                ErrorCodes.LimitExceeded,
                $"the GraphQL document nests deeper than {ParserOptions.MaxDepth} levels (limit documentNesting)",
                new Dictionary<string, object?> { ["limit"] = "documentNesting" })));
        }

        var (operation, problem) = SelectOperation(parsed.Document, request.OperationName);
        if (operation is null)
        {
            return (null, NotExecuted(new LineageExecutionError(ErrorCodes.InvalidArgument, problem!)));
        }

        if (operation.Operation == OperationType.Subscription)
        {
            return (null, NotExecuted(new LineageExecutionError(
                ErrorCodes.InvalidArgument, "subscriptions are not served: this API answers queries and mutations")));
        }

        if (isGet && operation.Operation == OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            throw new RequestError(StatusCodes.Status405MethodNotAllowed, "mutations are not allowed over GET: send them with POST");
        }

        return (new PreparedRequest(request, parsed, operation, ReadInputs(request.Variables, "variables"), ReadInputs(request.Extensions, "extensions")), null);
    }

    /// <summary>
    /// Runs the request and writes its answer. A mutation runs whole in one store transaction,
    /// committed only once its answer is written within the budget: when any of its fields fails,
    /// or its answer would be too large, nothing of it is applied, and the answer says so (no
    /// data, and every error marked <c>rolledBack</c>); committed work is never reported as failed.
    /// </summary>
    private async Task<Answer> AnswerAsync(HttpContext http, PreparedRequest prepared, LineageContext context, ResponseMediaType mediaType)
    {
        var cancellationToken = http.RequestAborted;
        if (prepared.Operation.Operation != OperationType.Mutation)
        {
            return await SerializeAsync(await RunAsync(http, prepared, context).ConfigureAwait(false), mediaType, cancellationToken).ConfigureAwait(false);
        }

        await using var work = _atomic.Begin();
        var result = await RunAsync(http, prepared, context).ConfigureAwait(false);
        if (!result.Executed)
        {
            // Refused before it ran (it did not validate): there was nothing to roll back.
            return await SerializeAsync(result, mediaType, cancellationToken).ConfigureAwait(false);
        }

        if (result.Errors is { Count: > 0 } errors)
        {
            return await SerializeAsync(RolledBack(result, errors), mediaType, cancellationToken).ConfigureAwait(false);
        }

        var answer = await TrySerializeAsync(result, mediaType, cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return await SerializeAsync(RolledBack(new ExecutionResult { Executed = true }, [TooLarge()]), mediaType, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await work.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (LineageException e)
        {
            answer.Dispose();
            return await SerializeAsync(RolledBack(new ExecutionResult { Executed = true }, [new LineageExecutionError(e)]), mediaType, cancellationToken).ConfigureAwait(false);
        }

        return answer;
    }

    /// <summary>
    /// Runs a query the server wrote itself (an HTTP export's) for <paramref name="actor"/>, under
    /// the rules of every request: its limits, its cost and what the actor may see.
    /// </summary>
    public async Task<ExecutionResult> RunQueryAsync(HttpContext http, Actor actor, string query, JsonElement variables)
    {
        var (prepared, notExecuted) = Prepare(http, new GraphQLHttpRequest(query, null, variables, null), isGet: true);
        return prepared is null ? notExecuted! : await RunAsync(http, prepared, NewContext(actor)).ConfigureAwait(false);
    }

    private static ExecutionResult RolledBack(ExecutionResult result, IEnumerable<ExecutionError> errors)
    {
        var marked = new ExecutionErrors();
        foreach (var error in errors)
        {
            error.Data[LineageErrorInfoProvider.RolledBack] = true;
            marked.Add(error);
        }

        result.Data = null;
        result.Errors = marked;
        return result;
    }

    private async Task<ExecutionResult> RunAsync(HttpContext http, PreparedRequest prepared, LineageContext context)
    {
        var result = await _executer.ExecuteAsync(options =>
        {
            options.Query = prepared.Request.Query;
            options.Document = prepared.Document;

            // A document that passed the schema's rules once needs only the request's own checks
            // (its variables and its cost), which the execution options add to every request;
            // without variables, its cost was checked with it.
            options.ValidationRules = prepared.Parsed.Validated ? [] : null;
            context.CostChecked = prepared.Parsed.CostChecked;
            options.OperationName = prepared.Request.OperationName;
            options.Variables = prepared.Variables;
            options.Extensions = prepared.Extensions;
            options.UserContext = context;
            options.RequestServices = http.RequestServices;
            options.CancellationToken = http.RequestAborted;
        }).ConfigureAwait(false);
        if (result.Executed)
        {
            prepared.Parsed.MarkValidated();
        }

        return result;
    }

    private Inputs? ReadInputs(JsonElement? value, string parameter)
    {
        if (value is not { } element)
        {
            return null;
        }

        try
        {
            return _serializer.ReadNode<Inputs>(element);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new RequestError(StatusCodes.Status400BadRequest, $"'{parameter}' could not be read: {(e.InnerException ?? e).Message}");
        }
    }

    /// <summary>The operation to run, or why none can be chosen, in words that name the fix.</summary>
    private static (GraphQLOperationDefinition? Operation, string? Problem) SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        string Listed() => string.Join(", ", operations.Take(10).Select(o => o.Name is { } n ? Names.NameRules.Quote(n.StringValue) : "an unnamed one"));
        if (operations.Count == 0)
        {
            return (null, "the document holds no operation to run: add a query or a mutation");
        }

        if (operationName is null)
        {
            return operations.Count == 1
                ? (operations[0], null)
                : (null, $"the document holds {operations.Count} operations ({Listed()}): name the one to run in operationName");
        }

        return operations.FirstOrDefault(o => o.Name is { } name && name.Value == operationName) is { } named
            ? (named, null)
            : (null, $"the document has no operation named {Names.NameRules.Quote(operationName)}; it holds {Listed()}");
    }

    private static ExecutionResult NotExecuted(ExecutionError error) => new() { Errors = [error], Executed = false };

    private Task WriteRequestErrorAsync(HttpContext http, ResponseMediaType mediaType, RequestError error) =>
        WriteAsync(http, mediaType, error.Status, NotExecuted(new LineageExecutionError(error.Code, error.Message)));

    private async Task WriteAsync(HttpContext http, ResponseMediaType mediaType, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ResponseMediaTypes.ContentType(mediaType);
        await _serializer.WriteAsync(http.Response.Body, result, http.RequestAborted).ConfigureAwait(false);
    }
}
