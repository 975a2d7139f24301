using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Reliability;

/// <summary>
/// The server on storage that fails under it: a disk that fills up while it runs, and a page of
/// the database damaged from outside. Each is answered with a clear code that names the cause
/// (never INTERNAL, never an empty 500), nothing half-written is left, and the server goes on
/// serving what it still can.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class StorageFaultTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task on_a_full_disk_writes_answer_unavailable_reads_go_on_and_writing_resumes_when_space_returns()
    {
        using var disk = Tmpfs.Mount(6 * 1024 * 1024);
        var data = Directory.CreateDirectory(Path.Combine(disk.Path, "data")).FullName;
        await using var server = new ServerProcess(data);
        await server.StartAsync(Ct);
        var api = Client(server);
        await api.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""");
        await api.DataAsync("""mutation { createRun(input: { project: "acme/disk", name: "writer" }) { path } }""");

        var filler = disk.Fill();
        var padding = new string('x', 64 * 1024);
        JsonElement? refusal = null;
        var written = 0;
        for (var i = 0; i < 400 && refusal is null; i++)
        {
            var response = await api.SendAsync(
                "mutation ($n: String!, $d: String!, $m: JSON) { createRun(input: { project: \"acme/disk\", name: $n, config: $m }) { path } logArtifact(input: { run: \"acme/disk/writer\", name: \"blob\", type: \"dataset\", digest: $d, metadata: $m }) { name } }",
                new { n = $"r{i}", d = $"sha256:{i}", m = new { padding } });
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.Status);
            if (response.Errors.Count > 0)
            {
                refusal = response.Errors[0];
                Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
                Assert.DoesNotContain(response.Errors, e => e.At("extensions.code").GetString() == "INTERNAL");
                var failedRun = await api.SendAsync("query ($p: String!) { run(path: $p) { path } }", new { p = $"acme/disk/r{i}" });
                Assert.Equal("NOT_FOUND", failedRun.Errors.Single().At("extensions.code").GetString());
            }
            else
            {
                written++;
            }
        }

        Assert.True(refusal is not null, "the disk never filled up");
        TestContext.Current.TestOutputHelper?.WriteLine($"{written} writes before the disk was full; then: {refusal}");
        Assert.Equal("UNAVAILABLE", refusal.Value.At("extensions.code").GetString());
        Assert.Contains(refusal.Value.At("extensions.reason").GetString(), new[] { "diskFull", "ioError" });
        Assert.True(refusal.Value.At("extensions.retryable").GetBoolean());
        Assert.Contains("nothing was written", refusal.Value.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Reads go on while the disk is full.
        var read = await api.DataAsync("""{ run(path: "acme/disk/writer") { path loggedArtifacts(first: 1) { totalCount } } }""");
        Assert.Equal(written, read.At("run.loggedArtifacts.totalCount").GetInt32());

        // A retry-safe request cannot claim its key either: the same code, as HTTP 503.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = """mutation { createRun(input: { project: "acme/disk", name: "keyed" }) { path } }""" }),
        })
        {
            request.Headers.Add("Idempotency-Key", "full-disk");
            using var keyed = await api.Http.SendAsync(request, Ct);
            var body = await keyed.Content.ReadAsStringAsync(Ct);
            Assert.True(keyed.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.OK, body);
            Assert.DoesNotContain("INTERNAL", body, StringComparison.Ordinal);
        }

        // Space comes back: so do writes.
        File.Delete(filler);
        await api.DataAsync("""mutation { createRun(input: { project: "acme/disk", name: "after" }) { path } }""");
        var after = await api.DataAsync("""{ project(path: "acme/disk") { runs(first: 1) { totalCount } } }""");
        Assert.True(after.At("project.runs.totalCount").GetInt32() >= written + 2);
    }

    [Fact]
    public async Task a_damaged_history_is_reported_as_such_never_as_a_server_fault()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root.Path, "damaged")).FullName;
        await using var server = new ServerProcess(data);
        await server.StartAsync(Ct);
        var api = Client(server);
        await api.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""");
        await api.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "r1" }) { path } }""");
        for (var i = 0; i < 3; i++)
        {
            await api.DataAsync(
                "mutation ($d: String!) { logArtifact(input: { run: \"acme/zoo/r1\", name: \"data\", type: \"dataset\", digest: $d }) { name } }",
                new { d = $"sha256:{i}" });
        }

        var before = await api.DataAsync("""{ verifyAuditHistory(path: "acme/zoo/data") { ok eventsChecked } }""");
        Assert.True(before.At("verifyAuditHistory.ok").GetBoolean());

        await server.KillAsync();
        Checkpoint(server.DatabasePath);
        DatabaseFiles.Corrupt(server.DatabasePath, "audit_events");
        await server.StartAsync(Ct);

        var verdict = await api.DataAsync("""{ verifyAuditHistory(path: "acme/zoo/data") { ok problem firstBrokenEventId } }""");
        Assert.False(verdict.At("verifyAuditHistory.ok").GetBoolean());
        Assert.Contains("damaged", verdict.Str("verifyAuditHistory.problem"), StringComparison.Ordinal);

        var history = await api.SendAsync("""{ artifact(name: "acme/zoo/data:v0") { artifact { history { nodes { action } } } } }""");
        Assert.Equal("DATA_CORRUPTED", history.Errors.Single().At("extensions.code").GetString());

        using var export = await api.Http.GetAsync("/history?path=acme/zoo/data", Ct);
        var exported = await export.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, export.StatusCode);
        Assert.Contains("DATA_CORRUPTED", exported, StringComparison.Ordinal);
        Assert.Contains("damaged", exported, StringComparison.Ordinal);

        // What the damage does not touch is served as before.
        var run = await api.DataAsync("""{ run(path: "acme/zoo/r1") { path loggedArtifacts { totalCount } } }""");
        Assert.Equal(3, run.At("run.loggedArtifacts.totalCount").GetInt32());
    }

    private static GraphQLClient Client(ServerProcess server)
    {
        var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminKey);
        return new GraphQLClient(http);
    }

    /// <summary>Moves everything the write-ahead log holds into the database file itself.</summary>
    private static void Checkpoint(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
    }
}
