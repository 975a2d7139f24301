using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// A mutation document is applied whole or not at all: its fields run in one transaction, and
/// when any of them fails (or anything in their answers does), none is applied, the answer has
/// no data, and every error says <c>rolledBack</c>. Committed work is never reported as failed.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class AtomicMutationTests : IAsyncLifetime
{
    private readonly LineageApp _app = new();
    private GraphQLClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _app.GraphQL();
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/atomic", name: "source" }) { path } }""");
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/atomic/source", name: "data", type: "dataset", digest: "d0" }) { name } }""");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task a_mutation_whose_later_field_fails_applies_none_of_its_fields_and_says_so()
    {
        var response = await _client.SendAsync("""
            mutation {
              a: createRun(input: { project: "acme/atomic", name: "first" }) { path }
              b: useArtifact(input: { run: "acme/atomic/first", artifact: "acme/atomic/missing:v0" }) { name }
            }
            """);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Data.ValueKind);
        var error = Assert.Single(response.Errors);
        Assert.Equal("NOT_FOUND", error.At("extensions.code").GetString());
        Assert.True(error.At("extensions.rolledBack").GetBoolean());
        await _client.ErrorAsync("NOT_FOUND", """{ run(path: "acme/atomic/first") { path } }""");

        // The name was never taken: the same run can be made now.
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/atomic", name: "first" }) { path } }""");
    }

    [Fact]
    public async Task an_error_in_the_answer_of_a_mutation_rolls_the_mutation_back()
    {
        var response = await _client.SendAsync("""
            mutation { createRun(input: { project: "acme/atomic", name: "answered" }) { path project { runs(first: 5000) { totalCount } } } }
            """);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Data.ValueKind);
        Assert.Equal("LIMIT_EXCEEDED", response.Errors.Single().At("extensions.code").GetString());
        Assert.True(response.Errors[0].At("extensions.rolledBack").GetBoolean());
        await _client.ErrorAsync("NOT_FOUND", """{ run(path: "acme/atomic/answered") { path } }""");
    }

    [Fact]
    public async Task a_cycle_closed_across_the_fields_of_one_mutation_leaves_nothing_behind_not_even_in_the_lineage_graph()
    {
        var refused = await _client.SendAsync("""
            mutation {
              a: createRun(input: { project: "acme/atomic", name: "loop" }) { path }
              b: useArtifact(input: { run: "acme/atomic/loop", artifact: "acme/atomic/data:v0" }) { name }
              c: logArtifact(input: { run: "acme/atomic/loop", name: "out", type: "dataset", digest: "o0" }) { name }
              d: useArtifact(input: { run: "acme/atomic/source", artifact: "acme/atomic/out:v0" }) { name }
            }
            """);

        Assert.Equal("CYCLE_DETECTED", refused.Errors.Single().At("extensions.code").GetString());
        Assert.True(refused.Errors[0].At("extensions.rolledBack").GetBoolean());
        var lineage = await _client.DataAsync("""{ lineage(start: "acme/atomic/data:v0", direction: BOTH, depth: 5) { nodes { name } edges { kind } } }""");
        Assert.Equal(["data:v0", "source"], lineage.At("lineage.nodes").EnumerateArray().Select(n => n.Str("name")).Order());
        await _client.ErrorAsync("NOT_FOUND", """{ artifact(name: "acme/atomic/out:v0") { name } }""");

        // The graph in memory agrees: the same writes, without the cycle, go through.
        var data = await _client.DataAsync("""
            mutation {
              a: createRun(input: { project: "acme/atomic", name: "loop" }) { path }
              b: useArtifact(input: { run: "acme/atomic/loop", artifact: "acme/atomic/data:v0" }) { name }
              c: logArtifact(input: { run: "acme/atomic/loop", name: "out", type: "dataset", digest: "o0" }) { qualifiedName loggedBy { name } }
            }
            """);
        Assert.Equal("acme/atomic/out:v0", data.Str("c.qualifiedName"));
        Assert.Equal("loop", data.Str("c.loggedBy.name"));
        var after = await _client.DataAsync("""{ lineage(start: "acme/atomic/data:v0", direction: DOWNSTREAM, depth: 5) { nodes { name } } }""");
        Assert.Equal(["data:v0", "loop", "out:v0"], after.At("lineage.nodes").EnumerateArray().Select(n => n.Str("name")).Order());
    }

    [Fact]
    public async Task the_fields_of_a_mutation_see_each_other_and_commit_together()
    {
        var data = await _client.DataAsync("""
            mutation {
              a: createRun(input: { project: "acme/atomic", name: "together" }) { path }
              b: logArtifact(input: { run: "acme/atomic/together", name: "model", type: "model", digest: "m0", aliases: ["candidate"] }) { qualifiedName aliases }
              c: addAlias(input: { artifact: "acme/atomic/model:candidate", alias: "best" }) { aliases loggedBy { path } }
            }
            """);

        Assert.Equal(["best", "candidate", "latest"], data.At("c.aliases").EnumerateArray().Select(a => a.GetString()).Order());
        Assert.Equal("acme/atomic/together", data.Str("c.loggedBy.path"));
        var history = await _client.DataAsync("""{ artifact(name: "acme/atomic/model:v0") { artifact { history { nodes { action alias } } } } }""");
        Assert.Equal(3, history.At("artifact.artifact.history.nodes").GetArrayLength());
    }
}
