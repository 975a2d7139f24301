using System.Text.Json;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>The README's walkthrough, run through the HTTP API.</summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class ZooWalkthroughTests : IClassFixture<ZooWalkthroughTests.Zoo>
{
    private readonly GraphQLClient _client;

    public ZooWalkthroughTests(Zoo zoo)
    {
        _client = zoo.Client;
    }

    [Fact]
    public async Task logged_by_names_the_run_that_produced_a_version()
    {
        var data = await _client.DataAsync("""
            { artifact(name: "acme/zoo/zoo-ylbchv20:v0") {
                qualifiedName type aliases loggedBy { path jobType config createdBy } } }
            """);
        Assert.Equal("acme/zoo/zoo-ylbchv20:v0", data.Str("artifact.qualifiedName"));
        Assert.Equal(["candidate", "latest"], data.At("artifact.aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("acme/zoo/rural-feather-20", data.Str("artifact.loggedBy.path"));
        Assert.Equal(10, data.At("artifact.loggedBy.config.epochs").GetInt32());
        Assert.Equal("admin", data.Str("artifact.loggedBy.createdBy"));
    }

    [Fact]
    public async Task used_by_lists_the_runs_that_consumed_a_version()
    {
        var data = await _client.DataAsync("""
            { artifact(name: "acme/zoo/split_zoo_dataset:v4") { usedBy(first: 10) { totalCount nodes { name jobType } } } }
            """);
        Assert.Equal(1, data.At("artifact.usedBy.totalCount").GetInt32());
        Assert.Equal(["rural-feather-20"], data.Strings("artifact.usedBy.nodes", "name"));
    }

    [Fact]
    public async Task logged_and_used_artifacts_walk_from_a_run()
    {
        var data = await _client.DataAsync("""
            { run(path: "acme/zoo/rural-feather-20") {
                usedArtifacts { nodes { qualifiedName } }
                loggedArtifacts { nodes { name type } } } }
            """);
        Assert.Equal(["acme/zoo/split_zoo_dataset:v4"], data.Strings("run.usedArtifacts.nodes", "qualifiedName"));
        Assert.Equal(["zoo-ylbchv20:v0"], data.Strings("run.loggedArtifacts.nodes", "name"));
    }

    [Fact]
    public async Task a_three_hop_lineage_query_reaches_the_preprocessing_run_and_says_it_was_cut()
    {
        var data = await _client.DataAsync("""
            { lineage(start: "acme/zoo/zoo-ylbchv20:v0", direction: UPSTREAM, depth: 3) {
                truncated nodes { id kind name hops } edges { from to kind } } }
            """);
        Assert.Equal(["zoo-ylbchv20:v0", "rural-feather-20", "split_zoo_dataset:v4", "split-4"], data.Strings("lineage.nodes", "name"));
        Assert.Equal([0, 1, 2, 3], data.At("lineage.nodes").EnumerateArray().Select(n => n.GetProperty("hops").GetInt32()));
        Assert.Equal(["ARTIFACT", "RUN", "ARTIFACT", "RUN"], data.Strings("lineage.nodes", "kind"));
        Assert.Equal(["LOGGED", "USED", "LOGGED"], data.Strings("lineage.edges", "kind"));
        Assert.True(data.At("lineage.truncated").GetBoolean());
    }

    [Fact]
    public async Task lineage_in_both_directions_from_the_model_reaches_the_evaluation()
    {
        var data = await _client.DataAsync("""
            { lineage(start: "acme/zoo/zoo-ylbchv20:latest", depth: 2) { nodes { name hops } } }
            """);
        Assert.Equal(
            ["zoo-ylbchv20:v0", "rural-feather-20", "split_zoo_dataset:v4", "northern-lake-21", "zoo-eval-results:v0"],
            data.Strings("lineage.nodes", "name"));
    }

    [Fact]
    public async Task lineage_filters_by_artifact_and_job_type()
    {
        var data = await _client.DataAsync("""
            { lineage(start: "acme/zoo/raw_zoo_dataset:v0", direction: DOWNSTREAM, depth: 10, jobTypes: ["preprocess", "train"]) {
                truncated nodes { name } } }
            """);
        var names = data.Strings("lineage.nodes", "name");
        Assert.Contains("zoo-ylbchv20:v0", names);
        Assert.DoesNotContain("northern-lake-21", names);
        Assert.Equal(13, names.Count);
        Assert.False(data.At("lineage.truncated").GetBoolean());
    }

    [Fact]
    public async Task using_the_model_in_the_run_that_made_its_data_is_refused_with_the_cycle()
    {
        var error = await _client.ErrorAsync("CYCLE_DETECTED", """
            mutation { useArtifact(input: { run: "acme/zoo/split-4", artifact: "acme/zoo/zoo-ylbchv20:v0" }) { name } }
            """);
        Assert.Equal(
            ["acme/zoo/zoo-ylbchv20:v0", "acme/zoo/split-4", "acme/zoo/split_zoo_dataset:v4", "acme/zoo/rural-feather-20", "acme/zoo/zoo-ylbchv20:v0"],
            error.GetProperty("extensions").GetProperty("path").EnumerateArray().Select(p => p.GetString()));
        var after = await _client.DataAsync("""{ run(path: "acme/zoo/split-4") { usedArtifacts { totalCount } } }""");
        Assert.Equal(1, after.At("run.usedArtifacts.totalCount").GetInt32());
    }

    [Fact]
    public async Task a_project_pages_through_its_runs_with_cursors()
    {
        var names = new List<string>();
        string? after = null;
        do
        {
            var data = await _client.DataAsync(
                """
                query ($after: String) { project(path: "acme/zoo") {
                  runs(first: 3, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } } }
                """,
                new { after });
            Assert.Equal(8, data.At("project.runs.totalCount").GetInt32());
            names.AddRange(data.At("project.runs.edges").EnumerateArray().Select(e => e.Str("node.name")));
            after = data.At("project.runs.pageInfo.hasNextPage").GetBoolean() ? data.Str("project.runs.pageInfo.endCursor") : null;
        }
        while (after is not null);

        Assert.Equal(["giddy-rain-1", "split-0", "split-1", "split-2", "split-3", "split-4", "rural-feather-20", "northern-lake-21"], names);
    }

    [Fact]
    public async Task aliases_move_between_versions_through_the_api()
    {
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/aliases", name: "r" }) { path } }""");
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/aliases/r", name: "m", type: "model", digest: "a", aliases: ["production"] }) { name } }""");
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/aliases/r", name: "m", type: "model", digest: "b" }) { name } }""");

        var moved = await _client.DataAsync("""mutation { addAlias(input: { artifact: "acme/aliases/m:v1", alias: "production" }) { version aliases } }""");
        Assert.Equal(["production", "latest"], moved.At("addAlias.aliases").EnumerateArray().Select(a => a.GetString()));
        var old = await _client.DataAsync("""{ artifact(name: "acme/aliases/m:v0") { aliases } }""");
        Assert.Empty(old.At("artifact.aliases").EnumerateArray());

        var removed = await _client.DataAsync("""mutation { removeAlias(input: { artifact: "acme/aliases/m:production", alias: "production" }) { aliases } }""");
        Assert.Equal(["latest"], removed.At("removeAlias.aliases").EnumerateArray().Select(a => a.GetString()));
        await _client.ErrorAsync("NOT_FOUND", """{ artifact(name: "acme/aliases/m:production") { name } }""");
    }

    [Fact]
    public async Task a_version_shows_every_logger_and_its_file_manifest()
    {
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/dedup", name: "one" }) { path } }""");
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/dedup", name: "two" }) { path } }""");
        const string log = """
            mutation ($run: String!) { logArtifact(input: { run: $run, name: "d", type: "dataset", digest: "same",
              files: [{ path: "a.csv", digest: "fa", size: 3 }, { path: "b.csv", digest: "fb", size: 4 }] }) { version } }
            """;
        await _client.DataAsync(log, new { run = "acme/dedup/one" });
        var again = await _client.DataAsync(log, new { run = "acme/dedup/two" });
        Assert.Equal("v0", again.Str("logArtifact.version"));

        var data = await _client.DataAsync("""
            { artifact(name: "acme/dedup/d:v0") { size loggedBy { name } loggers { totalCount nodes { name } }
                files(first: 1) { totalCount nodes { path digest size } pageInfo { hasNextPage } } } }
            """);
        Assert.Equal(7, data.At("artifact.size").GetInt64());
        Assert.Equal("one", data.Str("artifact.loggedBy.name"));
        Assert.Equal(["one", "two"], data.Strings("artifact.loggers.nodes", "name"));
        Assert.Equal(2, data.At("artifact.loggers.totalCount").GetInt32());
        Assert.Equal(2, data.At("artifact.files.totalCount").GetInt32());
        Assert.Equal("a.csv", data.Str("artifact.files.nodes.0.path"));
        Assert.True(data.At("artifact.files.pageInfo.hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task finishing_a_run_records_how_it_ended()
    {
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/states", name: "r" }) { state } }""");
        var running = await _client.DataAsync("""{ run(path: "acme/states/r") { createdAt endedAt } }""");
        Assert.Equal(JsonValueKind.Null, running.At("run.endedAt").ValueKind);

        var done = await _client.DataAsync("""mutation { finishRun(input: { run: "acme/states/r" }) { state endedAt } }""");
        Assert.Equal("FINISHED", done.Str("finishRun.state"));
        var endedAt = done.At("finishRun.endedAt").GetDateTimeOffset();
        Assert.InRange(endedAt, running.At("run.createdAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddSeconds(1));

        // Read again, from the store: the same end, kept.
        var read = await _client.DataAsync("""{ run(path: "acme/states/r") { state endedAt } }""");
        Assert.Equal(endedAt, read.At("run.endedAt").GetDateTimeOffset());
        await _client.ErrorAsync("CONFLICT", """mutation { finishRun(input: { run: "acme/states/r", state: CRASHED }) { state } }""");
        Assert.Equal(endedAt, (await _client.DataAsync("""{ run(path: "acme/states/r") { endedAt } }""")).At("run.endedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task an_ended_run_logs_and_uses_nothing_more()
    {
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/ended", name: "r" }) { state } }""");
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/ended/r", name: "d", type: "dataset", digest: "d0" }) { name } }""");
        await _client.DataAsync("""mutation { finishRun(input: { run: "acme/ended/r", state: FAILED }) { state } }""");

        var log = await _client.ErrorAsync("CONFLICT", """mutation { logArtifact(input: { run: "acme/ended/r", name: "d", type: "dataset", digest: "d1" }) { name } }""");
        Assert.Equal("run 'acme/ended/r' has ended as FAILED: it can no longer log artifacts; record it from a new run", log.Str("message"));
        var relog = await _client.ErrorAsync("CONFLICT", """mutation { logArtifact(input: { run: "acme/ended/r", name: "other", type: "dataset", digest: "d0" }) { name } }""");
        Assert.Contains("can no longer log artifacts", relog.Str("message"), StringComparison.Ordinal);
        var use = await _client.ErrorAsync("CONFLICT", """mutation { useArtifact(input: { run: "acme/ended/r", artifact: "acme/zoo/raw_zoo_dataset:v0" }) { name } }""");
        Assert.Contains("can no longer use artifacts", use.Str("message"), StringComparison.Ordinal);

        var versions = await _client.DataAsync("""{ run(path: "acme/ended/r") { loggedArtifacts { totalCount } usedArtifacts { totalCount } } }""");
        Assert.Equal(1, versions.At("run.loggedArtifacts.totalCount").GetInt32());
        Assert.Equal(0, versions.At("run.usedArtifacts.totalCount").GetInt32());
    }

    [Fact]
    public async Task lineage_starts_at_a_run_or_at_the_latest_version_of_an_artifact_named_without_a_version()
    {
        var latest = await _client.DataAsync("""{ lineage(start: "acme/zoo/split_zoo_dataset", direction: UPSTREAM, depth: 1) { nodes { name hops } } }""");
        Assert.Equal(["split_zoo_dataset:v4", "split-4"], latest.At("lineage.nodes").EnumerateArray().Select(n => n.Str("name")));

        var run = await _client.DataAsync("""{ lineage(start: "acme/zoo/split-4", direction: UPSTREAM, depth: 0) { nodes { name } } }""");
        Assert.Equal(["split-4"], run.At("lineage.nodes").EnumerateArray().Select(n => n.Str("name")));

        var neither = await _client.ErrorAsync("NOT_FOUND", """{ lineage(start: "acme/zoo/nothing-here") { truncated } }""");
        Assert.Equal("no run or artifact 'acme/zoo/nothing-here' was found (a version is named with ':', as in 'acme/zoo/nothing-here:v0')", neither.Str("message"));
    }

    [Fact]
    public async Task a_run_in_a_namespace_that_does_not_exist_is_refused_and_makes_nothing()
    {
        var error = await _client.ErrorAsync("NOT_FOUND", """mutation { createRun(input: { project: "nobody-here/p", name: "r" }) { path } }""");
        Assert.Contains("createNamespace(input: { name: \"nobody-here\", kind: ORGANIZATION })", error.Str("message"), StringComparison.Ordinal);
        await _client.ErrorAsync("NOT_FOUND", """{ namespace(name: "nobody-here") { name } }""");

        // Made on purpose, the name is free for it.
        await _client.DataAsync("""mutation { createNamespace(input: { name: "nobody-here", kind: ORGANIZATION }) { name } }""");
        await _client.DataAsync("""mutation { createRun(input: { project: "nobody-here/p", name: "r" }) { path } }""");
    }

    [Fact]
    public async Task each_mutation_answers_with_the_state_right_after_it()
    {
        await _client.DataAsync("""
            mutation {
              a: createRun(input: { project: "acme/serial", name: "a" }) { name }
              b: createRun(input: { project: "acme/serial", name: "b" }) { name }
            }
            """);
        var data = await _client.DataAsync("""
            mutation {
              first: logArtifact(input: { run: "acme/serial/a", name: "d", type: "dataset", digest: "same" }) { loggers { nodes { name } } }
              second: logArtifact(input: { run: "acme/serial/b", name: "d", type: "dataset", digest: "same" }) { loggers { nodes { name } } }
            }
            """);
        Assert.Equal(["a"], data.Strings("first.loggers.nodes", "name"));
        Assert.Equal(["a", "b"], data.Strings("second.loggers.nodes", "name"));
    }

    public sealed class Zoo : IAsyncLifetime
    {
        private readonly LineageApp _app = new();

        public GraphQLClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = _app.GraphQL();
            await ZooExample.SeedAsync(Client);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
