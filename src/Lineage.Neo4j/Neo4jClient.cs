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
    private int _largestWindow;

    // The bookmarks a new transaction waits for, kept as Neo4j's drivers keep them: a finished
    // transaction replaces the bookmarks it began with by the ones it ended with, so that two
    // transactions finishing in either order never make the set move backwards.
    private readonly Lock _bookmarkLock = new();
    private readonly HashSet<string> _bookmarks = new(StringComparer.Ordinal);

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

    /// <summary>
    /// How often a rollback refused as concurrent is asked again: for as long as the server lets
    /// a statement run (db.transaction.timeout, set below <see cref="Neo4jStoreOptions.RequestTimeout"/>).
    /// </summary>
    internal int RollbackAttempts => 2 * _options.MaxAttempts;

    internal TimeSpan RollbackDelay(int tried) =>
        TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks << Math.Min(tried, 16), _options.RequestTimeout.Ticks / 4));

    /// <summary>How many requests were tried again after a passing failure, since start.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    private long _retries;

    /// <summary>
    /// The version of the server, e.g. <c>5.26.0</c> or <c>2025.01.0</c>: what its discovery
    /// address (<c>GET /</c>) reports, or, where that is not served (Aura), what
    /// <c>dbms.components()</c> says through the Query API.
    /// </summary>
    public async Task<string> ServerVersionAsync(CancellationToken cancellationToken)
    {
        var root = _options.Url.AbsoluteUri.TrimEnd('/') + "/";
        try
        {
            using var response = await _http.GetAsync(root, cancellationToken).ConfigureAwait(false);
            var body = Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            if (response.IsSuccessStatusCode && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("neo4j_version", out var version) && version.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jStoreException($"Neo4j at {_options.Url} could not be reached: {e.Message}", e);
        }

        CypherResult components;
        try
        {
            components = await ReadAsync(CypherCatalog.Get("maintenance/server-version"), [], cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jStoreException e)
        {
            throw new Neo4jStoreException($"{_options.Url} does not answer discovery at its root, and asking it for dbms.components() failed: {e.Message}", e) { Code = e.Code };
        }

        return components.Rows.Count > 0 && components.Rows[0].NullableString("version") is { Length: > 0 } reported
            ? reported
            : throw new Neo4jStoreException($"{_options.Url} answers neither discovery nor dbms.components() with a version: is LINEAGE_NEO4J_URL Neo4j's HTTP address?");
    }

    /// <summary>Runs one idempotent statement (a schema statement) in its own transaction, on a writer.</summary>
    public Task<CypherResult> RunAsync(CypherStatement statement, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken) =>
        ImplicitAsync(statement, parameters, read: false, null, cancellationToken);

    /// <summary>Runs one read in its own transaction, marked <c>accessMode: Read</c> so a cluster may serve it from any member.</summary>
    public Task<CypherResult> ReadAsync(CypherStatement statement, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken) =>
        ImplicitAsync(statement, parameters, read: true, null, cancellationToken);

    /// <summary>A read whose rows go to <paramref name="sink"/> as they arrive, instead of into the result.</summary>
    internal Task<CypherResult> ReadAsync(CypherStatement statement, IReadOnlyList<(string Name, object? Value)> parameters, IRowSink? sink, CancellationToken cancellationToken) =>
        ImplicitAsync(statement, parameters, read: true, sink, cancellationToken);

    private Task<CypherResult> ImplicitAsync(
        CypherStatement statement, IReadOnlyList<(string Name, object? Value)> parameters, bool read, IRowSink? sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(parameters);
        statement.Check(parameters.Select(p => p.Name));
        return WithRetriesAsync(
            async () =>
            {
                var sent = Bookmarks();
                var (result, body, _) = await SendAsync(HttpMethod.Post, _base, statement, parameters, affinity: null, sent, read, cancellationToken, sink).ConfigureAwait(false);
                Advance(sent, body);
                return result;
            },
            cancellationToken);
    }

    /// <summary>
    /// Opens an explicit transaction, runs <paramref name="opening"/> in it (the write lock, for
    /// the store), then <paramref name="work"/>, and commits. The work may be run more than once,
    /// so it must not act outside the transaction.
    /// </summary>
    public Task<T> TransactAsync<T>(CypherStatement opening, Func<Neo4jTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(work);
        opening.Check([]);
        return WithRetriesAsync(async () =>
        {
            var transaction = await OpenAsync(cancellationToken).ConfigureAwait(false);
            T result;
            try
            {
                await transaction.RunAsync(opening, [], cancellationToken).ConfigureAwait(false);
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
    /// Opens an explicit transaction and runs <paramref name="opening"/> in it, for a unit of work
    /// that spans several store calls; its owner commits or rolls it back. Opening is tried again
    /// after a passing failure; nothing after it is.
    /// </summary>
    public Task<Neo4jTransaction> BeginAsync(CypherStatement opening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        opening.Check([]);
        return WithRetriesAsync(
            async () =>
            {
                var transaction = await OpenAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await transaction.RunAsync(opening, [], cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await transaction.RollbackAsync().ConfigureAwait(false);
                    throw;
                }

                return transaction;
            },
            cancellationToken);
    }

    /// <summary>
    /// Opens a transaction with a request that runs nothing, so that its id is known before its
    /// first statement: a statement that outlives the client's timeout (the write lock, waiting
    /// behind another writer) can then be rolled back instead of left holding what it took.
    /// </summary>
    private async Task<Neo4jTransaction> OpenAsync(CancellationToken cancellationToken)
    {
        var sent = Bookmarks();
        var (_, begun, affinity) = await SendAsync(HttpMethod.Post, $"{_base}/tx", null, [], null, sent, read: false, cancellationToken).ConfigureAwait(false);
        var id = begun.TryGetProperty("transaction", out var tx) && tx.TryGetProperty("id", out var txId)
            ? txId.GetString() ?? throw new Neo4jStoreException("Neo4j opened a transaction without an id")
            : throw new Neo4jStoreException("Neo4j's answer to opening a transaction has no transaction id");
        return new Neo4jTransaction(this, $"{_base}/tx/{Uri.EscapeDataString(id)}", affinity, sent);
    }

    /// <summary>The bookmarks a transaction begun now waits for.</summary>
    private string[] Bookmarks()
    {
        lock (_bookmarkLock)
        {
            return [.. _bookmarks];
        }
    }

    /// <summary>
    /// Records what a finished transaction (an implicit call or a commit) ended with: its answer's
    /// bookmarks replace the ones it began with, and any others, of transactions still running
    /// or finished meanwhile, stay.
    /// </summary>
    internal void Advance(string[] began, JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("bookmarks", out var marks) || marks.ValueKind != JsonValueKind.Array || marks.GetArrayLength() == 0)
        {
            return;
        }

        lock (_bookmarkLock)
        {
            _bookmarks.ExceptWith(began);
            foreach (var mark in marks.EnumerateArray())
            {
                if (mark.GetString() is { Length: > 0 } text)
                {
                    _bookmarks.Add(text);
                }
            }
        }
    }

    internal async Task<(CypherResult Result, JsonElement Body, string? Affinity)> SendAsync(
        HttpMethod method,
        string url,
        CypherStatement? statement,
        IReadOnlyList<(string Name, object? Value)> parameters,
        string? affinity,
        string[] bookmarks,
        bool read,
        CancellationToken cancellationToken,
        IRowSink? sink = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (affinity is not null)
        {
            request.Headers.Add(AffinityHeader, affinity);
        }

        // A statement, bookmarks, or the opening of a transaction (a JSON object even when it
        // carries nothing) have a body; a commit and a rollback have none.
        if (statement is not null || bookmarks.Length > 0 || (method == HttpMethod.Post && url.EndsWith("/tx", StringComparison.Ordinal)))
        {
            request.Content = new ByteArrayContent(Body(statement, parameters, bookmarks, read));
            request.Content.Headers.ContentType = Json;
        }

        // The answer is read as it arrives, its rows handed over a window at a time, within the
        // same timeout as the wait for its first byte.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var name = statement?.Name ?? "transaction";
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var rows = new List<JsonElement[]>();
            CypherRow? current = null;
            JsonElement[]? cells = null;
            sink?.Clear();
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            JsonElement body;
            try
            {
                (body, var window) = await AnswerReader.ReadAsync(
                    stream,
                    (fields, row) =>
                    {
                        if (sink is null)
                        {
                            rows.Add(Cells(row, new JsonElement[row.GetArrayLength()]));
                        }
                        else
                        {
                            // A sink maps each row and keeps none: one row and its cells serve them all.
                            if (cells is null || cells.Length != row.GetArrayLength())
                            {
                                cells = new JsonElement[row.GetArrayLength()];
                                current = new CypherRow(new CypherResult([.. fields], []), cells);
                            }

                            Cells(row, cells);
                            sink.Add(current!);
                        }
                    },
                    keep: sink is null,
                    timeout.Token).ConfigureAwait(false);
                RecordWindow(window);
            }
            catch (JsonException e) when (response.IsSuccessStatusCode)
            {
                // Neo4j's answers are JSON: one cut short or garbled says nothing of the outcome.
                throw new Neo4jTransientException($"{name}: Neo4j at {_options.Url} sent an answer that is not whole JSON: {e.Message}", e);
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's error page): judged by its status alone.
                body = default;
            }

            var errors = Errors(body);
            if (!response.IsSuccessStatusCode || errors.Count > 0)
            {
                sink?.Clear();
                throw Neo4jErrors.Translate(response.StatusCode, errors, name);
            }

            var nextAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : affinity;
            return (Result(body, rows), body, nextAffinity);
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jTransientException($"{name}: Neo4j at {_options.Url} could not be reached: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new Neo4jTransientException($"{name}: the connection to Neo4j at {_options.Url} was lost while its answer was read: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jTransientException($"{name}: Neo4j at {_options.Url} did not answer within {_options.RequestTimeout.TotalSeconds:0} s", e);
        }
    }

    private static JsonElement[] Cells(JsonElement row, JsonElement[] into)
    {
        var i = 0;
        foreach (var cell in row.EnumerateArray())
        {
            into[i++] = cell;
        }

        return into;
    }

    /// <summary>The widest window an answer needed so far: how much of an answer was ever held at once, rows aside.</summary>
    public int LargestAnswerWindow => Volatile.Read(ref _largestWindow);

    private void RecordWindow(int window)
    {
        for (var seen = Volatile.Read(ref _largestWindow); window > seen; seen = Volatile.Read(ref _largestWindow))
        {
            if (Interlocked.CompareExchange(ref _largestWindow, window, seen) == seen)
            {
                return;
            }
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

    private static byte[] Body(CypherStatement? statement, IReadOnlyList<(string Name, object? Value)> parameters, string[] bookmarks, bool read)
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

            if (read)
            {
                json.WriteString("accessMode", "Read");
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

    private static CypherResult Result(JsonElement body, List<JsonElement[]> rows)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("data", out var data))
        {
            return CypherResult.Empty;
        }

        var fields = data.TryGetProperty("fields", out var f) ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        return new CypherResult(fields, rows);
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
    private readonly string[] _began;
    private string? _affinity;

    internal Neo4jTransaction(Neo4jClient client, string url, string? affinity, string[] began)
    {
        _client = client;
        _url = url;
        _affinity = affinity;
        _began = began;
    }

    public Task<CypherResult> RunAsync(CypherStatement statement, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken) =>
        RunAsync(statement, parameters, null, cancellationToken);

    /// <summary>A statement whose rows go to <paramref name="sink"/> as they arrive, instead of into the result.</summary>
    internal async Task<CypherResult> RunAsync(CypherStatement statement, IReadOnlyList<(string Name, object? Value)> parameters, IRowSink? sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(parameters);
        statement.Check(parameters.Select(p => p.Name));
        var (result, _, affinity) = await _client.SendAsync(HttpMethod.Post, _url, statement, parameters, _affinity, [], read: false, cancellationToken, sink).ConfigureAwait(false);
        _affinity = affinity;
        return result;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (_, answer, _) = await _client.SendAsync(HttpMethod.Post, $"{_url}/commit", null, [], _affinity, [], read: false, cancellationToken).ConfigureAwait(false);
            _client.Advance(_began, answer);
        }
        catch (Neo4jTransientException e) when (!e.RolledBack)
        {
            // No word from Neo4j: the commit may or may not have landed, and trying the work
            // again could apply it twice.
            throw new Neo4jStoreException($"the connection to Neo4j failed while committing; the change may or may not have been applied: {e.Message}", e);
        }
    }

    /// <summary>
    /// Rolls back, best effort: an unreachable server drops the transaction when it times out.
    /// A rollback refused because a statement of the transaction is still running (one the
    /// client stopped waiting for) is asked again until that statement ends.
    /// </summary>
    public async Task RollbackAsync()
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                await _client.SendAsync(HttpMethod.Delete, _url, null, [], _affinity, [], read: false, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Neo4jStoreException e) when (e.Code == ConcurrentAccess && tried < _client.RollbackAttempts)
            {
                await Task.Delay(_client.RollbackDelay(tried)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Neo4jTransientException or Neo4jStoreException or LineageException)
            {
                // Nothing was committed; the server forgets the transaction on its own.
                return;
            }
        }
    }

    /// <summary>What Neo4j answers a request for a transaction that is busy running another.</summary>
    internal const string ConcurrentAccess = "Neo.ClientError.Transaction.TransactionAccessedConcurrently";
}
