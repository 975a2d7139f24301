using System.Text;
using System.Text.Json;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Api;

/// <summary>
/// History edited outside the API, the way someone with the database file could: the hash
/// chain must show it, and say where.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class AuditTamperTests : IAsyncLifetime
{
    private const string Collection = "acme/models/classifier";

    private readonly LineageApp _app = new();
    private GraphQLClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = _app.GraphQL();
        await _admin.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "train" }) { path } }""");
        foreach (var digest in new[] { "m0", "m1" })
        {
            await _admin.DataAsync(
                """mutation ($d: String!) { logArtifact(input: { run: "acme/zoo/train", name: "model", type: "model", digest: $d }) { name } }""",
                new { d = digest });
        }

        await _admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models" }) { path } }""");
        await _admin.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "classifier", type: "model" }) { path } }""");
        await _admin.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/model:v0", collection: "acme/models/classifier", aliases: ["staging"] }) { name } }""");
        await _admin.DataAsync("""mutation { addAlias(input: { artifact: "acme/models/classifier:v0", alias: "production" }) { name } }""");
        await _admin.DataAsync("""mutation { removeAlias(input: { artifact: "acme/models/classifier:v0", alias: "staging" }) { name } }""");
        await _admin.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/model:v1", collection: "acme/models/classifier" }) { name } }""");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task changing_one_stored_byte_of_an_event_is_found_and_the_event_named()
    {
        Assert.True((await VerifyAsync()).GetProperty("ok").GetBoolean());
        var target = await EventAsync("ALIAS_ADDED", "production");
        var requestId = target.GetProperty("requestId").GetString()!;

        // The request id of that event is stored once, in that event's row. Change one of its
        // bytes in the file itself, with the server running.
        Checkpoint();
        var file = await File.ReadAllBytesAsync(_app.Database.DatabasePath, TestContext.Current.CancellationToken);
        var needle = Encoding.UTF8.GetBytes(requestId);
        var at = IndexOf(file, needle);
        Assert.True(at >= 0, "the request id is in the database file");
        Assert.Equal(-1, IndexOf(file.AsSpan(at + 1), needle));
        file[at + needle.Length - 1] = file[at + needle.Length - 1] == (byte)'Z' ? (byte)'Y' : (byte)'Z';
        await File.WriteAllBytesAsync(_app.Database.DatabasePath, file, TestContext.Current.CancellationToken);

        var verified = await VerifyAsync();

        Assert.False(verified.GetProperty("ok").GetBoolean());
        Assert.Equal(target.GetProperty("id").GetString(), verified.GetProperty("firstBrokenEventId").GetString());
        Assert.Equal(3, verified.GetProperty("eventsChecked").GetInt32());
        Assert.Contains("does not match its hash", verified.GetProperty("problem").GetString(), StringComparison.Ordinal);

        // The edit is really what the service now reads.
        Assert.NotEqual(requestId, (await EventAsync("ALIAS_ADDED", "production")).GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task the_request_id_of_an_event_is_the_one_the_response_carried()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                query = """mutation { addAlias(input: { artifact: "acme/models/classifier:v1", alias: "traced" }) { name } }""",
            }),
        };
        using var response = await _admin.Http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        var sent = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Equal(sent, (await EventAsync("ALIAS_ADDED", "traced")).GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task the_database_refuses_to_update_or_delete_events()
    {
        await using var connection = Open();
        foreach (var sql in new[] { "UPDATE audit_events SET actor = 'someone-else'", "DELETE FROM audit_events" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.True((await VerifyAsync()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task a_deleted_event_is_found_in_the_middle_and_at_the_end()
    {
        var removed = await EventAsync("ALIAS_REMOVED", "staging");
        var next = await EventAsync("VERSION_LINKED", null, version: "v1");
        await ExecuteAsync(
            "DROP TRIGGER audit_events_are_not_deleted",
            $"DELETE FROM audit_events WHERE target = '{Collection}' AND position = {removed.GetProperty("position").GetInt64()}");

        var middle = await VerifyAsync();
        Assert.False(middle.GetProperty("ok").GetBoolean());
        Assert.Equal(next.GetProperty("id").GetString(), middle.GetProperty("firstBrokenEventId").GetString());
        Assert.Contains("missing", middle.GetProperty("problem").GetString(), StringComparison.Ordinal);

        // Deleting the newest event instead leaves an intact chain that is too short.
        await ExecuteAsync("DELETE FROM audit_events", "DELETE FROM audit_chains");
        await _admin.DataAsync("""mutation { addAlias(input: { artifact: "acme/models/classifier:v1", alias: "a" }) { name } }""");
        await _admin.DataAsync("""mutation { addAlias(input: { artifact: "acme/models/classifier:v1", alias: "b" }) { name } }""");
        Assert.True((await VerifyAsync()).GetProperty("ok").GetBoolean());
        await ExecuteAsync("DELETE FROM audit_events WHERE alias = 'b'");

        var end = await VerifyAsync();
        Assert.False(end.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, end.GetProperty("firstBrokenEventId").ValueKind);
        Assert.Equal(1, end.GetProperty("eventsChecked").GetInt32());
        Assert.Contains("missing from its end", end.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> VerifyAsync() =>
        (await _admin.DataAsync(
            "query ($p: String!) { verifyAuditHistory(path: $p) { ok eventsChecked firstBrokenEventId problem } }",
            new { p = Collection })).GetProperty("verifyAuditHistory");

    private async Task<JsonElement> EventAsync(string action, string? alias, string? version = null)
    {
        var data = await _admin.DataAsync(
            "query ($p: String!) { collection(path: $p) { history { nodes { id position action alias version requestId } } } }", new { p = Collection });
        return data.At("collection.history.nodes").EnumerateArray().Single(e =>
            e.GetProperty("action").GetString() == action
            && e.GetProperty("alias").GetString() == alias
            && (version is null || e.GetProperty("version").GetString() == version));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_app.Database.DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Moves everything from the write-ahead log into the main file, and closes the server's idle connections.</summary>
    private void Checkpoint()
    {
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = Open();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    private static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle);
}
