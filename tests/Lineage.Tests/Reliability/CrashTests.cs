using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lineage.Sqlite;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Reliability;

/// <summary>
/// Crash safety, as Jepsen checks acknowledged writes: concurrent writers over HTTP while the
/// server process is killed with SIGKILL at random moments and started again. Every write the
/// server acknowledged must be there at the end; writes whose answer never came are
/// indeterminate, never failures. The file must pass SQLite's integrity check, every audit
/// history must verify, and the lineage graph must have no cycle.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class CrashTests : IDisposable
{
    private const int Kills = 20;
    private const int Writers = 4;

    private readonly TempDirectory _data = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task acknowledged_writes_survive_twenty_kills_and_the_files_stay_sound()
    {
        await using var server = new ServerProcess(_data.Path);
        await server.StartAsync(Ct);
        var setup = Api(server);
        await setup.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""");
        await setup.DataAsync("""mutation { createRun(input: { project: "acme/kill", name: "seed", jobType: "upload" }) { path } }""");
        await setup.DataAsync("""mutation { logArtifact(input: { run: "acme/kill/seed", name: "data", type: "dataset", digest: "sha256:data" }) { name } }""");
        await setup.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models" }) { path } }""");
        await setup.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "kill", type: "model" }) { path } }""");

        var log = new ConcurrentQueue<Write>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(server, w, log, stop.Token))).ToList();

        var random = new Random(Environment.TickCount);
        for (var kill = 0; kill < Kills; kill++)
        {
            await Task.Delay(random.Next(150, 700), Ct);
            await server.KillAsync();
            await Task.Delay(random.Next(0, 100), Ct);
            await server.StartAsync(Ct);
        }

        await Task.Delay(300, Ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var writes = log.ToList();
        var acknowledged = writes.Where(w => w.Outcome == Outcome.Acknowledged).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Kills} kills; {writes.Count} writes: {acknowledged.Count} acknowledged, " +
            $"{writes.Count(w => w.Outcome == Outcome.Refused)} refused, {writes.Count(w => w.Outcome == Outcome.Indeterminate)} indeterminate; " +
            string.Join(", ", acknowledged.GroupBy(w => w.Kind).Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(acknowledged.Count >= 50, $"only {acknowledged.Count} writes were acknowledged: the test did not exercise the server");
        Assert.True(acknowledged.Select(w => w.Kind).Distinct().Count() == 5, "every kind of write must have been acknowledged at least once");

        var admin = Api(server);
        var aliasMoves = await AliasRequestsAsync(server);
        var lost = new List<string>();
        foreach (var write in acknowledged)
        {
            if (!await PresentAsync(admin, write, aliasMoves))
            {
                lost.Add($"{write.Kind} {write.Subject} (request {write.RequestId})");
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes are missing:\n" + string.Join('\n', lost));

        foreach (var path in new[] { "acme/models/kill", "acme/kill/data" }.Concat(Enumerable.Range(0, Writers).Select(w => $"acme/kill/model-{w}")))
        {
            var verified = await admin.DataAsync("query ($p: String!) { verifyAuditHistory(path: $p) { ok problem eventsChecked } }", new { p = path });
            Assert.True(verified.At("verifyAuditHistory.ok").GetBoolean(), $"{path}: {verified.At("verifyAuditHistory.problem")}");
        }

        await server.KillAsync();
        Assert.Equal("ok", await SqliteBackup.IntegrityCheckAsync(server.DatabasePath, Ct));
        AssertAcyclic(server.DatabasePath);
    }

    private enum Outcome
    {
        Acknowledged,
        Refused,
        Indeterminate,
    }

    /// <summary>One write and what became of it; <see cref="Subject"/> is what to look for afterwards.</summary>
    private sealed record Write(string Kind, string Subject, Outcome Outcome, string? RequestId, JsonElement Data);

    /// <summary>
    /// One writer: runs that log a model, use the seed data, link the model into the collection
    /// and move the writer's alias there, over and over, until told to stop.
    /// </summary>
    private static async Task WriteAsync(ServerProcess server, int writer, ConcurrentQueue<Write> log, CancellationToken stop)
    {
        using var http = Http(server);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var run = $"acme/kill/w{writer}-{i}";
            await SendAsync(http, log, "createRun", run,
                "mutation ($p: String!, $n: String!) { createRun(input: { project: $p, name: $n, jobType: \"train\" }) { path } }",
                new { p = "acme/kill", n = $"w{writer}-{i}" });
            var logged = await SendAsync(http, log, "logArtifact", $"sha256:w{writer}-{i}",
                "mutation ($r: String!, $n: String!, $d: String!) { logArtifact(input: { run: $r, name: $n, type: \"model\", digest: $d }) { qualifiedName digest } }",
                new { r = run, n = $"model-{writer}", d = $"sha256:w{writer}-{i}" });
            await SendAsync(http, log, "useArtifact", run,
                "mutation ($r: String!) { useArtifact(input: { run: $r, artifact: \"acme/kill/data:v0\" }) { name } }",
                new { r = run });
            if (logged?.TryGetProperty("logArtifact", out var version) == true)
            {
                var linked = await SendAsync(http, log, "linkArtifact", version.GetProperty("qualifiedName").GetString()!,
                    "mutation ($v: String!) { linkArtifact(input: { artifact: $v, collection: \"acme/models/kill\" }) { qualifiedName source { qualifiedName } } }",
                    new { v = version.GetProperty("qualifiedName").GetString() });
                if (linked?.TryGetProperty("linkArtifact", out var link) == true)
                {
                    await SendAsync(http, log, "addAlias", link.GetProperty("qualifiedName").GetString()!,
                        "mutation ($v: String!, $a: String!) { addAlias(input: { artifact: $v, alias: $a }) { aliases } }",
                        new { v = link.GetProperty("qualifiedName").GetString(), a = $"prod-{writer}" });
                }
            }
        }
    }

    /// <summary>Sends one mutation and records its outcome; returns its data when acknowledged.</summary>
    private static async Task<JsonElement?> SendAsync(HttpClient http, ConcurrentQueue<Write> log, string kind, string subject, string query, object variables)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("graphql", new { query, variables });
            var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.First() : null;
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (response.IsSuccessStatusCode && !body.RootElement.TryGetProperty("errors", out _) && body.RootElement.TryGetProperty("data", out var data))
            {
                log.Enqueue(new Write(kind, subject, Outcome.Acknowledged, requestId, data.Clone()));
                return data.Clone();
            }

            log.Enqueue(new Write(kind, subject, Outcome.Refused, requestId, default));
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException)
        {
            // No answer: the write may or may not have happened.
            log.Enqueue(new Write(kind, subject, Outcome.Indeterminate, null, default));
            await Task.Delay(20);
            return null;
        }
    }

    /// <summary>Whether an acknowledged write is in the database now.</summary>
    private static async Task<bool> PresentAsync(GraphQLClient admin, Write write, IReadOnlySet<string> aliasMoves)
    {
        switch (write.Kind)
        {
            case "createRun":
                var run = await admin.DataAsync("query ($p: String!) { run(path: $p) { path } }", new { p = write.Subject });
                return run.At("run").ValueKind == JsonValueKind.Object;
            case "logArtifact":
                var logged = write.Data.GetProperty("logArtifact");
                var version = await admin.DataAsync("query ($n: String!) { artifact(name: $n) { digest } }", new { n = logged.GetProperty("qualifiedName").GetString() });
                return version.At("artifact.digest").GetString() == logged.GetProperty("digest").GetString();
            case "useArtifact":
                var used = await admin.DataAsync("query ($p: String!) { run(path: $p) { usedArtifacts(first: 10) { nodes { qualifiedName } } } }", new { p = write.Subject });
                return used.Strings("run.usedArtifacts.nodes", "qualifiedName").Contains("acme/kill/data:v0");
            case "linkArtifact":
                var linked = write.Data.GetProperty("linkArtifact");
                var link = await admin.DataAsync("query ($n: String!) { artifact(name: $n) { source { qualifiedName } } }", new { n = linked.GetProperty("qualifiedName").GetString() });
                return link.At("artifact.source.qualifiedName").GetString() == linked.GetProperty("source").GetProperty("qualifiedName").GetString();
            case "addAlias":
                // The move itself may have been overtaken since; its audit event, carrying the request's id, must be there.
                return aliasMoves.Contains(write.RequestId!);
            default:
                throw new InvalidOperationException(write.Kind);
        }
    }

    /// <summary>The request ids of every ALIAS_ADDED event of the collection, read from the history export.</summary>
    private static async Task<HashSet<string>> AliasRequestsAsync(ServerProcess server)
    {
        using var http = Http(server);
        var export = await http.GetStringAsync("history?path=acme/models/kill&actions=ALIAS_ADDED");
        return [.. export.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => e.TryGetProperty("requestId", out var id) ? id.GetString() : null)
            .OfType<string>()];
    }

    /// <summary>No cycle among the lineage edges stored in the file.</summary>
    private static void AssertAcyclic(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();

        // Data flows version → run (USED) and run → version (LOGGED); nodes are ("r", id) and ("v", id).
        var next = new Dictionary<string, List<string>>();
        void Edge(string from, string to)
        {
            if (!next.TryGetValue(from, out var list))
            {
                next[from] = list = [];
            }

            list.Add(to);
        }

        using (var edges = connection.CreateCommand())
        {
            edges.CommandText = "SELECT 'u', run_id, version_id FROM used_edges UNION ALL SELECT 'l', run_id, version_id FROM logged_edges";
            using var reader = edges.ExecuteReader();
            while (reader.Read())
            {
                var (run, version) = ($"r{reader.GetInt64(1)}", $"v{reader.GetInt64(2)}");
                if (reader.GetString(0) == "u")
                {
                    Edge(version, run);
                }
                else
                {
                    Edge(run, version);
                }
            }
        }

        Assert.True(next.Count > 0);
        var state = new Dictionary<string, int>();
        foreach (var start in next.Keys)
        {
            var stack = new Stack<(string Node, int Child)>();
            if (state.ContainsKey(start))
            {
                continue;
            }

            state[start] = 1;
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                var (node, child) = stack.Pop();
                var children = next.GetValueOrDefault(node) ?? [];
                if (child < children.Count)
                {
                    stack.Push((node, child + 1));
                    var to = children[child];
                    var seen = state.GetValueOrDefault(to);
                    Assert.True(seen != 1, $"the lineage graph has a cycle through {to}");
                    if (seen == 0)
                    {
                        state[to] = 1;
                        stack.Push((to, 0));
                    }
                }
                else
                {
                    state[node] = 2;
                }
            }
        }
    }

    private static HttpClient Http(ServerProcess server)
    {
        var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminKey);
        return http;
    }

    private static GraphQLClient Api(ServerProcess server) => new(Http(server));

}
