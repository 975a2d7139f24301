using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lineage.Errors;

namespace Lineage.Neo4j;

/// <summary>
/// Neo4j's Query API over HTTP. Reads run as implicit transactions
/// (<c>POST /db/{db}/query/v2</c>); a unit of work runs in an explicit transaction
/// (<c>/db/{db}/query/v2/tx</c>) that commits when the work returns and rolls back when it
/// throws. A request that fails for a passing reason (a transient status, a deadlock, a
/// refused connection) is tried again, the whole unit of work with it, up to
/// <see cref="Neo4jStoreOptions.MaxAttempts"/> times.
/// </summary>
public sealed class Neo4jClient : IDisposable
{
    private const string AffinityHeader = "neo4j-cluster-affinity";
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly Neo4jStoreOptions _options;
    private readonly string _base;
    private readonly bool _ownsHttp;
    private string[] _bookmarks = [];

    public Neo4jClient(Neo4jStoreOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ownsHttp = true;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = options.RequestTimeout;
        _http.DefaultRequestHeaders.Accept.Add(Json);
        _http.DefaultRequestHeaders.Authorization = options.Token is { Length: > 0 } token
            ? new AuthenticationHeaderValue("Bearer", token)
            : options.User is { Length: > 0 } user
                ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")))
                : null;
        _base = $"{options.Url.AbsoluteUri.TrimEnd('/')}/db/{Uri.EscapeDataString(options.Database)}/query/v2";
    }

    /// <summary>How many requests were tried again after a passing failure, since start.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    private long _retries;

    /// <summary>The version the server reports at its discovery address (<c>GET /</c>), e.g. <c>5.26.0</c> or <c>2025.01.0</c>.</summary>
    public async Task<string> ServerVersionAsync(CancellationToken cancellationToken)
    {
        var root = _options.Url.AbsoluteUri.TrimEnd('/') + "/";
        try
        {
            using var response = await _http.GetAsync(root, cancellationToken).ConfigureAwait(false);
            var body = Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("neo4j_version", out var version) && version.GetString() is { } text
                ? text
                : throw new Neo4jStoreException($"{_options.Url} answered {(int)response.StatusCode} without a neo4j_version: is LINEAGE_NEO4J_URL Neo4j's HTTP address?");
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jStoreException($"Neo4j at {_options.Url} could not be reached: {e.Message}", e);
        }
    }

    /// <summary>Runs one statement in its own transaction. Reads and idempotent schema statements only.</summary>
    public Task<CypherResult> RunAsync(CypherStatement statement, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(parameters);
        statement.Check(parameters.Select(p => p.Name));
        return WithRetriesAsync(
            async () =>
            {
                var (result, _, _) = await SendAsync(HttpMethod.Post, _base, statement, parameters, affinity: null, withBookmarks: true, cancellationToken).ConfigureAwait(false);
                return result;
            },
            cancellationToken);
    }

    /// <summary>
    /// Opens an explicit transaction with <paramref name="opening"/> as its first statement
    /// (the write lock, for the store), runs <paramref name="work"/> in it and commits. The work
    /// may be run more than once, so it must not act outside the transaction.
    /// </summary>
    public Task<T> TransactAsync<T>(CypherStatement opening, Func<Neo4jTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(work);
        opening.Check([]);
        return WithRetriesAsync(async () =>
        {
            var transaction = await OpenAsync(opening, cancellationToken).ConfigureAwait(false);
            T result;
            try
            {
                result = await work(transaction).ConfigureAwait(false);
            }
            catch
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
                throw;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Opens an explicit transaction with <paramref name="opening"/> as its first statement, for
    /// a unit of work that spans several store calls; its owner commits or rolls it back. Opening
    /// is tried again after a passing failure; nothing after it is.
    /// </summary>
    public Task<Neo4jTransaction> BeginAsync(CypherStatement opening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        opening.Check([]);
        return WithRetriesAsync(() => OpenAsync(opening, cancellationToken), cancellationToken);
    }

    private async Task<Neo4jTransaction> OpenAsync(CypherStatement opening, CancellationToken cancellationToken)
    {
        var (_, begun, affinity) = await SendAsync(HttpMethod.Post, $"{_base}/tx", opening, [], null, withBookmarks: true, cancellationToken).ConfigureAwait(false);
        var id = begun.TryGetProperty("transaction", out var tx) && tx.TryGetProperty("id", out var txId)
            ? txId.GetString() ?? throw new Neo4jStoreException("Neo4j opened a transaction without an id")
            : throw new Neo4jStoreException("Neo4j's answer to opening a transaction has no transaction id");
        return new Neo4jTransaction(this, $"{_base}/tx/{Uri.EscapeDataString(id)}", affinity);
    }

    internal async Task<(CypherResult Result, JsonElement Body, string? Affinity)> SendAsync(
        HttpMethod method,
        string url,
        CypherStatement? statement,
        IReadOnlyList<(string Name, object? Value)> parameters,
        string? affinity,
        bool withBookmarks,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (affinity is not null)
        {
            request.Headers.Add(AffinityHeader, affinity);
        }

        if (statement is not null || withBookmarks)
        {
            request.Content = new ByteArrayContent(Body(statement, parameters, withBookmarks ? Volatile.Read(ref _bookmarks) : []));
            request.Content.Headers.ContentType = Json;
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jTransientException($"{statement?.Name ?? "transaction"}: Neo4j at {_options.Url} could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jTransientException($"{statement?.Name ?? "transaction"}: Neo4j at {_options.Url} did not answer within {_options.RequestTimeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var body = Parse(bytes);
            var errors = Errors(body);
            if (!response.IsSuccessStatusCode || errors.Count > 0)
            {
                throw Neo4jErrors.Translate(response.StatusCode, errors, statement?.Name ?? "transaction");
            }

            if (body.TryGetProperty("bookmarks", out var marks) && marks.ValueKind == JsonValueKind.Array && marks.GetArrayLength() > 0)
            {
                Volatile.Write(ref _bookmarks, [.. marks.EnumerateArray().Select(m => m.GetString() ?? "")]);
            }

            var nextAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : affinity;
            return (Result(body), body, nextAffinity);
        }
    }

    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (Neo4jTransientException) when (tried < _options.MaxAttempts)
            {
                Interlocked.Increment(ref _retries);
                var wait = _options.RetryDelay * Math.Pow(2, tried - 1) * (0.5 + Random.Shared.NextDouble());
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jTransientException e)
            {
                throw new Neo4jStoreException($"Neo4j kept failing after {tried} attempts; the last: {e.Message}", e);
            }
        }
    }

    private static byte[] Body(CypherStatement? statement, IReadOnlyList<(string Name, object? Value)> parameters, string[] bookmarks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (statement is not null)
            {
                json.WriteString("statement", statement.Text);
                json.WritePropertyName("parameters");
                json.WriteStartObject();
                foreach (var (name, value) in parameters)
                {
                    json.WritePropertyName(name);
                    JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object));
                }

                json.WriteEndObject();
            }

            if (bookmarks.Length > 0)
            {
                json.WritePropertyName("bookmarks");
                json.WriteStartArray();
                foreach (var mark in bookmarks)
                {
                    json.WriteStringValue(mark);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static JsonElement Parse(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static List<Neo4jError> Errors(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? [.. errors.EnumerateArray().Select(e => new Neo4jError(
                e.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "",
                e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : ""))]
            : [];

    private static CypherResult Result(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("data", out var data))
        {
            return CypherResult.Empty;
        }

        var fields = data.TryGetProperty("fields", out var f) ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        var values = data.TryGetProperty("values", out var v) ? v.EnumerateArray().Select(row => row.EnumerateArray().ToArray()).ToList() : [];
        return new CypherResult(fields, values);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}

/// <summary>An open explicit transaction of <see cref="Neo4jClient.TransactAsync{T}"/>.</summary>
public sealed class Neo4jTransaction
{
    private readonly Neo4jClient _client;
    private readonly string _url;
    private string? _affinity;

    internal Neo4jTransaction(Neo4jClient client, string url, string? affinity)
    {
        _client = client;
        _url = url;
        _affinity = affinity;
    }

    public async Task<CypherResult> RunAsync(CypherStatement statement, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(parameters);
        statement.Check(parameters.Select(p => p.Name));
        var (result, _, affinity) = await _client.SendAsync(HttpMethod.Post, _url, statement, parameters, _affinity, withBookmarks: false, cancellationToken).ConfigureAwait(false);
        _affinity = affinity;
        return result;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAsync(HttpMethod.Post, $"{_url}/commit", null, [], _affinity, withBookmarks: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jTransientException e) when (!e.RolledBack)
        {
            // No word from Neo4j: the commit may or may not have landed, and trying the work
            // again could apply it twice.
            throw new Neo4jStoreException($"the connection to Neo4j failed while committing; the change may or may not have been applied: {e.Message}", e);
        }
    }

    /// <summary>Rolls back, best effort: an unreachable server drops the transaction when it times out.</summary>
    public async Task RollbackAsync()
    {
        try
        {
            await _client.SendAsync(HttpMethod.Delete, _url, null, [], _affinity, withBookmarks: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Neo4jTransientException or Neo4jStoreException or LineageException)
        {
            // Nothing was committed; the server forgets the transaction on its own.
        }
    }
}
