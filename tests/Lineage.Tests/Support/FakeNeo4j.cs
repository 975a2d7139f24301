using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lineage.Tests.Support;

/// <summary>One request the fake Neo4j received.</summary>
public sealed record Neo4jRequest(string Method, string Path, string? Authorization, string? Affinity, JsonElement Body)
{
    public string? Statement => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("statement", out var s) ? s.GetString() : null;

    public JsonElement Parameters => Body.TryGetProperty("parameters", out var p) ? p : default;
}

/// <summary>What the fake answers: a status, a JSON body, and headers.</summary>
public sealed record Neo4jAnswer(int Status, object? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A statement's rows in the Query API's plain JSON form.</summary>
    public static Neo4jAnswer Rows(string[] fields, params object?[][] values) =>
        new(202, new { data = new { fields, values }, bookmarks = new[] { "FB:bookmark-1" } });

    public static Neo4jAnswer Error(int status, string code, string message) =>
        new(status, new { errors = new[] { new { code, message } } });

    /// <summary>What Neo4j answers to opening a transaction (<see cref="Begun"/>) or committing one; <paramref name="otherwise"/> to anything else.</summary>
    public static Neo4jAnswer OpeningOr(Neo4jRequest request, Neo4jAnswer otherwise) =>
        request.Path.EndsWith("/tx", StringComparison.Ordinal) ? Begun("t1")
        : request.Path.EndsWith("/commit", StringComparison.Ordinal) ? new(202, new { bookmarks = new[] { "FB:commit" } })
        : otherwise;

    public static Neo4jAnswer Begun(string id) =>
        new(202, new { data = new { fields = Array.Empty<string>(), values = Array.Empty<object>() }, transaction = new { id, expires = "2026-11-25T12:00:00Z" } },
            new Dictionary<string, string> { ["neo4j-cluster-affinity"] = "member-7" });
}

/// <summary>
/// A local HTTP server that answers as Neo4j's Query API does: each request is recorded and
/// passed to a script that decides the answer, so that error bodies, transient failures and
/// refused credentials can be played back to the client.
/// </summary>
public sealed class FakeNeo4j : IAsyncDisposable
{
    private readonly WebApplication _app;

    public FakeNeo4j(Func<Neo4jRequest, Neo4jAnswer> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async http =>
        {
            if (http.Request.Method == "GET" && http.Request.Path == "/")
            {
                if (!ServesDiscovery)
                {
                    // As Aura does: no discovery document at the root.
                    http.Response.StatusCode = 404;
                    return;
                }

                // Discovery: unauthenticated, and not one of the recorded statements.
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(JsonSerializer.Serialize(new { neo4j_version = Version, query = "/db/{databaseName}/query/v2" })).ConfigureAwait(false);
                return;
            }

            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync().ConfigureAwait(false);
            var request = new Neo4jRequest(
                http.Request.Method,
                http.Request.Path.Value ?? "",
                http.Request.Headers.Authorization.FirstOrDefault(),
                http.Request.Headers["neo4j-cluster-affinity"].FirstOrDefault(),
                text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
            Requests.Enqueue(request);
            var answer = Documented(request, script);
            http.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                http.Response.Headers[name] = value;
            }

            if (RawBody is not null)
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(RawBody).ConfigureAwait(false);
                if (DropsAfterRawBody)
                {
                    await http.Response.Body.FlushAsync().ConfigureAwait(false);
                    http.Abort();
                }
            }
            else if (answer.Body is not null)
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(JsonSerializer.Serialize(answer.Body)).ConfigureAwait(false);
            }
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri Url { get; }

    /// <summary>Text sent as every answer's body instead of the script's, such as JSON cut short.</summary>
    public string? RawBody { get; init; }

    /// <summary>Whether the connection is dropped once <see cref="RawBody"/> is sent.</summary>
    public bool DropsAfterRawBody { get; init; }

    // Transactions Neo4j no longer knows: committed, rolled back, or ended by an error.
    private readonly ConcurrentDictionary<string, bool> _ended = new(StringComparer.Ordinal);

    /// <summary>
    /// The script's answer, held to what the Query API documents whatever the script says: a
    /// request for a transaction that has ended (committed, rolled back, or failed) is answered
    /// 404 <c>Request.Invalid</c>; an error ends the transaction it happened in; bookmarks come
    /// only with a commit or an implicit call.
    /// </summary>
    private Neo4jAnswer Documented(Neo4jRequest request, Func<Neo4jRequest, Neo4jAnswer> script)
    {
        var transaction = TransactionOf(request.Path);
        if (transaction is not null && _ended.ContainsKey(transaction))
        {
            return Neo4jAnswer.Error(404, "Neo.ClientError.Request.Invalid", $"Transaction with Id: \"{transaction}\" was not found. It may have timed out and therefore rolled back or the routing table was updated.");
        }

        var answer = script(request);
        var failed = answer.Status >= 400 || HasErrors(answer.Body);
        var commit = request.Path.EndsWith("/commit", StringComparison.Ordinal);
        if (transaction is not null && (failed || commit || request.Method == "DELETE"))
        {
            _ended[transaction] = true;
        }

        var inTransaction = request.Path.EndsWith("/tx", StringComparison.Ordinal) || (transaction is not null && !commit);
        return inTransaction && answer.Body is not null ? answer with { Body = WithoutBookmarks(answer.Body) } : answer;
    }

    /// <summary>The transaction id in <c>/db/{db}/query/v2/tx/{id}</c> or <c>…/tx/{id}/commit</c>.</summary>
    private static string? TransactionOf(string path)
    {
        var at = path.IndexOf("/query/v2/tx/", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = path[(at + "/query/v2/tx/".Length)..];
        return rest.Split('/')[0] is { Length: > 0 } id ? id : null;
    }

    private static bool HasErrors(object? body) =>
        body is not null && JsonSerializer.SerializeToNode(body) is System.Text.Json.Nodes.JsonObject json
        && json["errors"] is System.Text.Json.Nodes.JsonArray { Count: > 0 };

    private static object WithoutBookmarks(object body)
    {
        if (JsonSerializer.SerializeToNode(body) is System.Text.Json.Nodes.JsonObject json)
        {
            json.Remove("bookmarks");
            return json;
        }

        return body;
    }

    /// <summary>What the discovery address reports as <c>neo4j_version</c>.</summary>
    public string Version { get; set; } = "5.26.0";

    /// <summary>Whether <c>GET /</c> answers with the discovery document; Aura does not serve it.</summary>
    public bool ServesDiscovery { get; set; } = true;

    public ConcurrentQueue<Neo4jRequest> Requests { get; } = new();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
