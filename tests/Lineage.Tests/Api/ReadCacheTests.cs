using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Api;

/// <summary>
/// Runs and versions read by id are kept for the reads that ask for them again, yet a read never
/// answers with less than was written before it: a write through the server is seen at once,
/// inside the mutation that made it too, and a write by another process within a second.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class ReadCacheTests : IAsyncLifetime
{
    // run(path:) is found by name; its loggedArtifacts and their loggedBy are read by id.
    private const string Read = """
        { run(path: "acme/zoo/r1") { loggedArtifacts(first: 5) { nodes { name aliases loggedBy { state } } } } }
        """;

    private readonly LineageApp _app = new();
    private GraphQLClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.GraphQL();
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "r1" }) { name } }""");
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "data", type: "dataset", digest: "d0" }) { name } }""");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<(string State, string Aliases)> FirstLoggedAsync()
    {
        var data = await _client.DataAsync(Read);
        return (
            data.Str("run.loggedArtifacts.nodes.0.loggedBy.state"),
            string.Join(',', data.At("run.loggedArtifacts.nodes.0.aliases").EnumerateArray().Select(a => a.GetString())));
    }

    [Fact]
    public async Task a_write_through_the_server_is_seen_by_the_next_read()
    {
        Assert.Equal(("RUNNING", "latest"), await FirstLoggedAsync());
        Assert.Equal(("RUNNING", "latest"), await FirstLoggedAsync());

        await _client.DataAsync("""mutation { addAlias(input: { artifact: "acme/zoo/data:v0", alias: "production" }) { name } }""");
        Assert.Equal(("RUNNING", "production,latest"), await FirstLoggedAsync());

        // A newer version takes latest from the one read before.
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "data", type: "dataset", digest: "d1" }) { name } }""");
        Assert.Equal(("RUNNING", "production"), await FirstLoggedAsync());

        await _client.DataAsync("""mutation { finishRun(input: { run: "acme/zoo/r1" }) { name } }""");
        Assert.Equal("FINISHED", (await FirstLoggedAsync()).State);
    }

    [Fact]
    public async Task history_events_are_kept_once_committed_and_never_when_read_by_a_mutation_that_rolls_back()
    {
        const string History = """{ artifact(name: "acme/zoo/data:v0") { artifact { history(first: 2) { nodes { action alias } } } } }""";
        static string Aliases(System.Text.Json.JsonElement data) =>
            string.Join(',', data.At("artifact.artifact.history.nodes").EnumerateArray().Select(e => e.Str("alias")));

        await _client.DataAsync("""mutation { addAlias(input: { artifact: "acme/zoo/data:v0", alias: "kept" }) { name } }""");
        Assert.Equal("kept,", Aliases(await _client.DataAsync(History)));

        // The history read inside the mutation holds its own, uncommitted event; the rollback
        // frees that event's id, and the next event takes it.
        var refused = await _client.SendAsync("""
            mutation {
              a: addAlias(input: { artifact: "acme/zoo/data:v0", alias: "undone" }) { artifact { history(first: 1) { nodes { alias } } } }
              b: useArtifact(input: { run: "acme/zoo/r1", artifact: "acme/zoo/missing:v0" }) { name }
            }
            """);
        Assert.True(refused.Errors.Single().At("extensions.rolledBack").GetBoolean());
        await _client.DataAsync("""mutation { addAlias(input: { artifact: "acme/zoo/data:v0", alias: "done" }) { name } }""");

        Assert.Equal("done,kept", Aliases(await _client.DataAsync(History)));
        Assert.Equal("done,kept", Aliases(await _client.DataAsync(History)));
    }

    [Fact]
    public async Task a_mutation_reads_back_what_its_earlier_fields_wrote()
    {
        Assert.Equal(("RUNNING", "latest"), await FirstLoggedAsync());

        var data = await _client.DataAsync("""
            mutation {
              finishRun(input: { run: "acme/zoo/r1", state: FAILED }) { name }
              addAlias(input: { artifact: "acme/zoo/data:v0", alias: "candidate" }) { loggedBy { state } }
            }
            """);

        Assert.Equal("FAILED", data.Str("addAlias.loggedBy.state"));
    }

    [Fact]
    public async Task a_write_by_another_process_is_seen_within_a_second()
    {
        Assert.Equal("RUNNING", (await FirstLoggedAsync()).State);

        await using (var connection = new SqliteConnection($"Data Source={_app.Database.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE runs SET state = 'CRASHED' WHERE name = 'r1'";
            Assert.Equal(1, await update.ExecuteNonQueryAsync(Ct));
        }

        var writtenAt = System.Diagnostics.Stopwatch.GetTimestamp();
        await ExternalWrites.VisibleAsync(writtenAt, Ct);
        Assert.Equal("CRASHED", (await FirstLoggedAsync()).State);
    }
}
