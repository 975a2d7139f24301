using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>Two clients moving the same alias at the same moment, over HTTP.</summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class AliasConcurrencyTests : IAsyncLifetime
{
    private const string Move = """
        mutation ($version: String!, $expected: String) {
          addAlias(input: { artifact: $version, alias: "production", expectedVersion: $expected }) { version }
        }
        """;

    private readonly LineageApp _app = new();
    private GraphQLClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = _app.GraphQL();
        await _admin.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "train" }) { path } }""");
        await _admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models" }) { path } }""");
        await _admin.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "classifier", type: "model" }) { path } }""");
        for (var i = 0; i < 3; i++)
        {
            await _admin.DataAsync(
                """
                mutation ($d: String!, $v: String!) {
                  logArtifact(input: { run: "acme/zoo/train", name: "model", type: "model", digest: $d }) { name }
                  linkArtifact(input: { artifact: $v, collection: "acme/models/classifier" }) { name }
                }
                """,
                new { d = $"m{i}", v = $"acme/zoo/model:v{i}" });
        }

        await _admin.DataAsync(Move, new { version = "acme/models/classifier:v0", expected = (string?)null });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task with_an_expected_version_exactly_one_of_two_moves_wins_and_two_events_are_recorded()
    {
        var before = await HistoryAsync();
        var clients = new[] { await _app.UserAsync("ada"), await _app.UserAsync("bo") };
        foreach (var name in new[] { "ada", "bo" })
        {
            await _admin.DataAsync(
                "mutation ($m: String!) { grantRole(input: { resource: \"acme/models\", member: $m, role: MEMBER }) { role } }", new { m = name });
        }

        var responses = await Task.WhenAll(
            clients[0].SendAsync(Move, new { version = "acme/models/classifier:v1", expected = "v0" }),
            clients[1].SendAsync(Move, new { version = "acme/models/classifier:v2", expected = "v0" }));

        var winner = Assert.Single(responses, r => r.Errors.Count == 0);
        var loser = Assert.Single(responses, r => r.Errors.Count > 0);
        Assert.Equal("CONFLICT", loser.Errors[0].Str("extensions.code"));
        Assert.Contains("nothing was changed", loser.Errors[0].Str("message"), StringComparison.Ordinal);
        var holder = winner.Data.Str("addAlias.version");
        var actor = responses[0] == winner ? "ada" : "bo";

        var after = await HistoryAsync();
        Assert.Equal([$"ALIAS_ADDED {holder} {actor}", $"ALIAS_REMOVED v0 {actor}"], after.Take(after.Count - before.Count));
        var current = await _admin.DataAsync("""{ artifact(name: "acme/models/classifier:production") { version } }""");
        Assert.Equal(holder, current.Str("artifact.version"));
    }

    [Fact]
    public async Task without_one_both_moves_apply_in_turn_and_the_history_says_so()
    {
        var before = await HistoryAsync();

        await Task.WhenAll(
            _admin.DataAsync(Move, new { version = "acme/models/classifier:v1", expected = (string?)null }),
            _admin.DataAsync(Move, new { version = "acme/models/classifier:v2", expected = (string?)null }));

        var moves = (await HistoryAsync()).Take(4).Reverse().Select(l => l.Split(' ')).ToList();
        Assert.Equal(["ALIAS_REMOVED", "ALIAS_ADDED", "ALIAS_REMOVED", "ALIAS_ADDED"], moves.Select(m => m[0]));
        Assert.Equal("v0", moves[0][1]);
        Assert.Equal(moves[1][1], moves[2][1]);
        var current = await _admin.DataAsync("""{ artifact(name: "acme/models/classifier:production") { version } verifyAuditHistory(path: "acme/models/classifier") { ok } }""");
        Assert.Equal(moves[3][1], current.Str("artifact.version"));
        Assert.True(current.At("verifyAuditHistory.ok").GetBoolean());
        Assert.Equal(before.Count + 4, (await HistoryAsync()).Count);
    }

    /// <summary>The collection's history, newest first, as "ACTION version actor".</summary>
    private async Task<List<string>> HistoryAsync()
    {
        var data = await _admin.DataAsync("""{ collection(path: "acme/models/classifier") { history(first: 100) { nodes { action version actor } } } }""");
        return [.. data.At("collection.history.nodes").EnumerateArray().Select(e =>
            $"{e.GetProperty("action").GetString()} {e.GetProperty("version").GetString()} {e.GetProperty("actor").GetString()}")];
    }
}
