using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Lineage.Errors;
using Lineage.Model;
using Lineage.Server.Auth;
using Lineage.Server.GraphQL;
using Lineage.Server.GraphQL.Errors;
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
    private readonly IGraphQLTextSerializer _serializer;
    private readonly IActorAccessor _actors;
    private readonly ILineageStore _store;
    private readonly IIdentityStore _identities;
    private readonly IRegistryStore _registryStore;
    private readonly ApiLimits _limits;

    public GraphQLHttpEndpoint(
        IDocumentExecuter<LineageSchema> executer,
        IGraphQLTextSerializer serializer,
        IActorAccessor actors,
        ILineageStore store,
        IIdentityStore identities,
        IRegistryStore registryStore,
        IOptions<ApiLimits> limits)
    {
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

            var request = isGet
                ? GraphQLRequestReader.FromQueryString(http.Request.Query)
                : await GraphQLRequestReader.FromBodyAsync(http.Request, _limits.MaxRequestBytes, http.RequestAborted).ConfigureAwait(false);

            var result = await ExecuteAsync(http, actor, request, isGet).ConfigureAwait(false);
            var status = !result.Executed && mediaType == ResponseMediaType.GraphQLResponseJson
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
            await WriteAsync(http, mediaType.Value, status, result).ConfigureAwait(false);
        }
        catch (RequestError error)
        {
            await WriteRequestErrorAsync(http, mediaType.Value, error).ConfigureAwait(false);
        }
    }

    private async Task<ExecutionResult> ExecuteAsync(HttpContext http, Actor actor, GraphQLHttpRequest request, bool isGet)
    {
        if (request.Query.Length > _limits.MaxDocumentLength)
        {
            return NotExecuted(new LineageExecutionError(
                ErrorCodes.LimitExceeded,
                $"the GraphQL document is {request.Query.Length} characters long; at most {_limits.MaxDocumentLength} are accepted (limit maxDocumentLength)",
                new Dictionary<string, object?> { ["limit"] = "maxDocumentLength" }));
        }

        GraphQLDocument document;
        try
        {
            document = Parser.Parse(request.Query, ParserOptions);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return NotExecuted(new SyntaxError(e));
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return NotExecuted(new LineageExecutionError(
                ErrorCodes.LimitExceeded,
                $"the GraphQL document nests deeper than {ParserOptions.MaxDepth} levels (limit documentNesting)",
                new Dictionary<string, object?> { ["limit"] = "documentNesting" }));
        }

        if (isGet && SelectedOperation(document, request.OperationName)?.Operation == OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            throw new RequestError(StatusCodes.Status405MethodNotAllowed, "mutations are not allowed over GET: send them with POST");
        }

        var variables = ReadInputs(request.Variables, "variables");
        var extensions = ReadInputs(request.Extensions, "extensions");
        return await _executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.Document = document;
            options.OperationName = request.OperationName;
            options.Variables = variables;
            options.Extensions = extensions;
            options.UserContext = new LineageContext(actor, _store, _identities, _registryStore, _limits);
            options.RequestServices = http.RequestServices;
            options.CancellationToken = http.RequestAborted;
        }).ConfigureAwait(false);
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

    private static GraphQLOperationDefinition? SelectedOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name is { } name && name.Value == operationName);
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
