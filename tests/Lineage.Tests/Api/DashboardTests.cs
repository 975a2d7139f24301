using System.Text.Json;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// What a dashboard asks, through the HTTP API, on the zoo example with a registry: lists
/// filtered, ordered and paged; tiles; look-ups inside a project; impact of a dataset on the
/// registries; the collection, its aliases and lineage as of a past day; two models' upstreams
/// compared. Each under the access rules, and each bad input named.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class DashboardTests(DashboardTests.Scenario scenario) : IClassFixture<DashboardTests.Scenario>
{
    private readonly GraphQLClient _admin = scenario.App.GraphQL();

    [Fact]
    public async Task a_projects_runs_are_filtered_ordered_and_counted_and_every_page_follows_the_last()
    {
        const string Query = """
            query ($after: String) {
              project(path: "acme/zoo") {
                runs(filter: { jobTypes: ["preprocess", "train"], createdBy: "admin" }, orderBy: { field: NAME, direction: DESC }, first: 3, after: $after) {
                  totalCount nodes { name } pageInfo { hasNextPage hasPreviousPage endCursor }
                }
              }
            }
            """;
        var names = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 5; pages++)
        {
            var runs = (await _admin.DataAsync(Query, new { after })).At("project.runs");
            Assert.Equal(7, runs.At("totalCount").GetInt32());
            Assert.Equal(after is not null, runs.At("pageInfo.hasPreviousPage").GetBoolean());
            names.AddRange(runs.Strings("nodes", "name"));
            if (!runs.At("pageInfo.hasNextPage").GetBoolean())
            {
                break;
            }

            after = runs.Str("pageInfo.endCursor");
        }

        Assert.Equal(["split-4", "split-3", "split-2", "split-1", "split-0", "rural-feather-22", "rural-feather-20"], names);

        var states = await _admin.DataAsync("""
            { project(path: "acme/zoo") {
                failed: runs(filter: { states: [FAILED] }) { totalCount nodes { name state } }
                early: runs(filter: { nameContains: "FEATHER", createdBefore: "2100-01-01T00:00:00Z" }, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { name } }
                byJob: runs(orderBy: { field: JOB_TYPE }, first: 2) { nodes { name jobType } }
            } }
            """);
        Assert.Equal(1, states.At("project.failed.totalCount").GetInt32());
        Assert.Equal(["northern-lake-21"], states.Strings("project.failed.nodes", "name"));
        Assert.Equal(["rural-feather-22", "rural-feather-20"], states.Strings("project.early.nodes", "name"));
        Assert.Equal(["northern-lake-21", "split-0"], states.Strings("project.byJob.nodes", "name"));
    }

    [Fact]
    public async Task artifacts_versions_collections_and_projects_filter_and_order_and_a_project_finds_by_name_and_counts_tiles()
    {
        var data = await _admin.DataAsync("""
            { project(path: "acme/zoo") {
                models: artifacts(filter: { types: ["model"] }) { totalCount nodes { name } }
                byName: artifacts(orderBy: { field: NAME }) { nodes { name } }
                run(name: "rural-feather-22") { path jobType }
                missing: run(name: "no-such-run") { path }
                artifact(name: "split_zoo_dataset") {
                  latest: versions(filter: { aliases: ["latest"] }) { nodes { version } }
                  newest: versions(orderBy: { field: VERSION, direction: DESC }, first: 2) { totalCount nodes { version } }
                }
                jobTypes { value count }
                artifactTypes { value count }
                runStates { value count }
              }
              registry(path: "acme/models") { collections(filter: { types: ["model"], nameContains: "ZOO" }) { totalCount nodes { path } } }
              namespace(name: "acme") { projects(filter: { nameContains: "zo" }, orderBy: { field: NAME, direction: DESC }) { nodes { name } } }
            }
            """);
        Assert.Equal(1, data.At("project.models.totalCount").GetInt32());
        Assert.Equal(["zoo-ylbchv20"], data.Strings("project.models.nodes", "name"));
        Assert.Equal(["raw_zoo_dataset", "split_zoo_dataset", "zoo-eval-results", "zoo-ylbchv20"], data.Strings("project.byName.nodes", "name"));
        Assert.Equal("train", data.Str("project.run.jobType"));
        Assert.Equal(JsonValueKind.Null, data.At("project.missing").ValueKind);
        Assert.Equal(["v4"], data.Strings("project.artifact.latest.nodes", "version"));
        Assert.Equal(["v4", "v3"], data.Strings("project.artifact.newest.nodes", "version"));
        Assert.Equal(5, data.At("project.artifact.newest.totalCount").GetInt32());
        Assert.Equal("""[{"value":"preprocess","count":5},{"value":"train","count":2},{"value":"eval","count":1},{"value":"upload","count":1}]""", data.At("project.jobTypes").GetRawText());
        Assert.Equal("""[{"value":"dataset","count":2},{"value":"model","count":1},{"value":"results","count":1}]""", data.At("project.artifactTypes").GetRawText());
        Assert.Equal("""[{"value":"RUNNING","count":8},{"value":"FAILED","count":1}]""", data.At("project.runStates").GetRawText());
        Assert.Equal(["acme/models/zoo-classifier"], data.Strings("registry.collections.nodes", "path"));
        Assert.Equal(["zoo"], data.Strings("namespace.projects.nodes", "name"));
    }

    [Fact]
    public async Task impact_of_the_raw_dataset_reaches_the_registry_version_with_its_aliases_and_the_runs_between()
    {
        var data = await _admin.DataAsync("""
            { impact(start: "acme/zoo/raw_zoo_dataset:v0") {
                start { path }
                registryVersions { hops version { qualifiedName aliases collection { path } } source { path } }
                runs { path hops }
                versions { path }
                truncated } }
            """);
        Assert.Equal("acme/zoo/raw_zoo_dataset:v0", data.Str("impact.start.path"));
        var linked = data.At("impact.registryVersions").EnumerateArray().ToList();
        Assert.Single(linked);
        Assert.Equal("acme/models/zoo-classifier:v1", linked[0].Str("version.qualifiedName"));
        Assert.Equal(["production", "latest"], linked[0].At("version.aliases").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal("acme/zoo/zoo-ylbchv20:v1", linked[0].Str("source.path"));
        Assert.Equal(4, linked[0].At("hops").GetInt32());

        // Only the runs on the way to a registry version: the eval run and the other splits lead nowhere there.
        Assert.Equal(["acme/zoo/split-3", "acme/zoo/rural-feather-22"], data.Strings("impact.runs", "path"));
        Assert.Equal(["acme/zoo/split_zoo_dataset:v3", "acme/zoo/zoo-ylbchv20:v1"], data.Strings("impact.versions", "path"));
        Assert.False(data.At("impact.truncated").GetBoolean());
    }

    [Fact]
    public async Task impact_starts_from_a_run_too_and_says_when_its_budget_cut_the_walk()
    {
        var data = await _admin.DataAsync("""
            { fromRun: impact(start: "acme/zoo/split-3") { start { kind } registryVersions { version { qualifiedName } } }
              cut: impact(start: "acme/zoo/raw_zoo_dataset:v0", maxNodes: 3) { registryVersions { hops } truncated }
              shallow: impact(start: "acme/zoo/raw_zoo_dataset:v0", depth: 3) { registryVersions { hops } truncated } }
            """);
        Assert.Equal("RUN", data.Str("fromRun.start.kind"));
        Assert.Equal(["acme/models/zoo-classifier:v1"], data.At("fromRun.registryVersions").EnumerateArray().Select(v => v.Str("version.qualifiedName")));
        Assert.True(data.At("cut.truncated").GetBoolean());
        Assert.Empty(data.At("cut.registryVersions").EnumerateArray());
        Assert.True(data.At("shallow.truncated").GetBoolean());
        Assert.Empty(data.At("shallow.registryVersions").EnumerateArray());
    }

    [Fact]
    public async Task impact_leaves_out_registries_and_projects_the_caller_cannot_see()
    {
        // A reader of acme with no role in the restricted registry sees the walk but no registry version.
        var reader = scenario.Reader;
        var data = await reader.DataAsync("""{ impact(start: "acme/zoo/raw_zoo_dataset:v0") { registryVersions { hops } runs { path } } }""");
        Assert.Empty(data.At("impact.registryVersions").EnumerateArray());
        Assert.Empty(data.At("impact.runs").EnumerateArray());

        // Hidden starts are missing ones.
        await scenario.Outsider.ErrorAsync("NOT_FOUND", """{ impact(start: "acme/zoo/raw_zoo_dataset:v0") { truncated } }""");
    }

    [Fact]
    public async Task the_collection_as_of_the_first_day_holds_v0_as_production_though_it_was_unlinked_since()
    {
        var firstDay = scenario.FirstDayEnd.ToString("O");
        var data = await _admin.DataAsync(
            """
            query ($asOf: DateTime!) {
              collection(path: "acme/models/zoo-classifier") {
                then: versions(asOf: $asOf) { totalCount nodes { id qualifiedName aliases source { qualifiedName } } }
                now: versions { nodes { qualifiedName aliases } }
              }
              current: artifact(name: "acme/models/zoo-classifier:v1") { aliases firstDay: aliases(asOf: $asOf) }
              project: artifact(name: "acme/zoo/zoo-ylbchv20:v0") { aliases(asOf: $asOf) }
            }
            """,
            new { asOf = scenario.SecondDayEnd.ToString("O") });
        Assert.Equal(["acme/models/zoo-classifier:v1"], data.Strings("collection.then.nodes", "qualifiedName"));
        Assert.Equal(["production", "latest"], data.At("current.aliases").EnumerateArray().Select(a => a.GetString()!));

        var then = (await _admin.DataAsync(
            """
            query ($asOf: DateTime!) {
              collection(path: "acme/models/zoo-classifier") { versions(asOf: $asOf) { totalCount nodes { id qualifiedName aliases source { qualifiedName } } } }
              project: artifact(name: "acme/zoo/zoo-ylbchv20:v0") { aliases(asOf: $asOf) }
            }
            """,
            new { asOf = firstDay }));
        var past = then.At("collection.versions.nodes").EnumerateArray().Single();
        Assert.Equal("acme/models/zoo-classifier:v0", past.Str("qualifiedName"));
        Assert.Equal(["production", "latest"], past.At("aliases").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal("acme/zoo/zoo-ylbchv20:v0", past.Str("source.qualifiedName"));
        Assert.StartsWith("unlinked:", past.Str("id"), StringComparison.Ordinal);
        Assert.Equal(["candidate", "latest"], then.At("project.aliases").EnumerateArray().Select(a => a.GetString()!));

        // v1 did not exist on the first day: asking for its aliases then is refused, naming asOf.
        var refused = await _admin.ErrorAsync(
            "INVALID_ARGUMENT",
            """query ($asOf: DateTime!) { artifact(name: "acme/models/zoo-classifier:v1") { aliases(asOf: $asOf) } }""",
            new { asOf = firstDay });
        Assert.Equal("asOf", refused.Str("extensions.argument"));
    }

    [Fact]
    public async Task lineage_as_of_the_first_day_leaves_out_what_was_recorded_after()
    {
        var query = """
            query ($asOf: DateTime) { lineage(start: "acme/zoo/split_zoo_dataset:v3", direction: DOWNSTREAM, depth: 5, asOf: $asOf) { nodes { path } truncated } }
            """;
        var now = await _admin.DataAsync(query, new { asOf = (string?)null });
        var then = await _admin.DataAsync(query, new { asOf = scenario.FirstDayEnd.ToString("O") });
        Assert.Equal(["acme/zoo/split_zoo_dataset:v3", "acme/zoo/rural-feather-22", "acme/zoo/zoo-ylbchv20:v1"], now.Strings("lineage.nodes", "path"));
        Assert.Equal(["acme/zoo/split_zoo_dataset:v3"], then.Strings("lineage.nodes", "path"));
    }

    [Fact]
    public async Task comparing_two_models_marks_the_changed_split_the_ones_sided_inputs_and_the_config_changes()
    {
        var data = await _admin.DataAsync("""
            { compareLineage(a: "acme/zoo/zoo-ylbchv20:v0", b: "acme/zoo/zoo-ylbchv20:v1") {
                a { path } b { path }
                nodes { status a { path hops } b { path hops } }
                configChanges { key a b }
                truncated } }
            """);
        var nodes = data.At("compareLineage.nodes").EnumerateArray()
            .Select(n => $"{n.Str("status")} {(n.At("a").ValueKind == JsonValueKind.Null ? "-" : n.Str("a.path"))} {(n.At("b").ValueKind == JsonValueKind.Null ? "-" : n.Str("b.path"))}")
            .ToList();
        Assert.Equal(
            [
                "CHANGED_VERSION acme/zoo/split_zoo_dataset:v4 acme/zoo/split_zoo_dataset:v3",
                "ONLY_IN_A acme/zoo/rural-feather-20 -",
                "ONLY_IN_A acme/zoo/split-4 -",
                "ONLY_IN_B - acme/zoo/rural-feather-22",
                "ONLY_IN_B - secret/vault/pii_lookup:v0",
                "ONLY_IN_B - acme/zoo/split-3",
                "ONLY_IN_B - secret/vault/pii-run",
                "BOTH acme/zoo/raw_zoo_dataset:v0 acme/zoo/raw_zoo_dataset:v0",
                "BOTH acme/zoo/giddy-rain-1 acme/zoo/giddy-rain-1",
            ],
            nodes);
        Assert.Equal(
            """[{"key":"epochs","a":10,"b":20},{"key":"lr","a":0.001,"b":0.0005},{"key":"optimizer.name","a":null,"b":"adam"}]""",
            data.At("compareLineage.configChanges").GetRawText());

        // A reader of acme alone never sees, nor counts, the secret input.
        var seen = await scenario.Reader.DataAsync("""
            { compareLineage(a: "acme/zoo/zoo-ylbchv20:v0", b: "acme/zoo/zoo-ylbchv20:v1") { nodes { status b { path } } } }
            """);
        Assert.DoesNotContain(seen.At("compareLineage.nodes").EnumerateArray(), n => n.At("b").ValueKind != JsonValueKind.Null && n.Str("b.path").StartsWith("secret/", StringComparison.Ordinal));
        Assert.Equal(nodes.Count - 2, seen.At("compareLineage.nodes").GetArrayLength());
    }

    [Fact]
    public async Task lists_tiles_and_lookups_answer_only_inside_what_the_caller_may_see()
    {
        // A reader of acme lists and counts as the administrator does: everything in a project is as visible as the project.
        const string Query = """
            { project(path: "acme/zoo") { runs(filter: { jobTypes: ["preprocess"] }) { totalCount } jobTypes { value count } artifact(name: "zoo-ylbchv20") { path } }
              registry(path: "acme/models") { collections(filter: { types: ["model"] }) { totalCount } } }
            """;
        var read = await scenario.Reader.SendAsync(Query);
        Assert.Equal(5, read.Data.At("project.runs.totalCount").GetInt32());
        Assert.Equal("acme/zoo/zoo-ylbchv20", read.Data.Str("project.artifact.path"));

        // The restricted registry is not there for a reader without a role in it, and it is not named.
        Assert.Equal(JsonValueKind.Null, read.Data.At("registry").ValueKind);
        Assert.DoesNotContain(read.Errors, e => e.GetProperty("message").GetString()!.Contains("zoo-classifier", StringComparison.Ordinal));

        // Nor is the project for someone with no role at all, filtered or not.
        await scenario.Outsider.ErrorAsync("NOT_FOUND", """{ project(path: "acme/zoo") { runs(filter: { jobTypes: ["train"] }) { totalCount } } }""");
        await scenario.Outsider.ErrorAsync("NOT_FOUND", """{ namespace(name: "acme") { projects(filter: { nameContains: "zoo" }) { totalCount } } }""");
    }

    [Fact]
    public async Task a_restricted_viewer_sees_the_collection_but_not_its_past_which_is_history()
    {
        var asOf = scenario.FirstDayEnd.ToString("O");
        var now = await scenario.Restricted.DataAsync("""{ collection(path: "acme/models/zoo-classifier") { versions { nodes { qualifiedName aliases } } } }""");
        Assert.Equal(["acme/models/zoo-classifier:v1"], now.Strings("collection.versions.nodes", "qualifiedName"));
        await scenario.Restricted.ErrorAsync(
            "FORBIDDEN",
            """query ($asOf: DateTime!) { collection(path: "acme/models/zoo-classifier") { versions(asOf: $asOf) { totalCount } } }""",
            new { asOf });
        await scenario.Restricted.ErrorAsync(
            "FORBIDDEN",
            """query ($asOf: DateTime!) { artifact(name: "acme/models/zoo-classifier:v1") { aliases(asOf: $asOf) } }""",
            new { asOf = scenario.SecondDayEnd.ToString("O") });

        // A reader of acme reads a project version's past aliases: the artifact's history is theirs to read.
        var reader = await scenario.Reader.DataAsync(
            """query ($asOf: DateTime!) { artifact(name: "acme/zoo/zoo-ylbchv20:v0") { aliases(asOf: $asOf) } }""", new { asOf });
        Assert.Equal(["candidate", "latest"], reader.At("artifact.aliases").EnumerateArray().Select(a => a.GetString()!));
    }

    [Fact]
    public async Task comparing_a_version_with_itself_or_its_registry_link_finds_everything_in_both_and_no_change()
    {
        var data = await _admin.DataAsync("""
            { self: compareLineage(a: "acme/zoo/zoo-ylbchv20:v1", b: "acme/zoo/zoo-ylbchv20:v1") { nodes { status } configChanges { key } }
              link: compareLineage(a: "acme/zoo/zoo-ylbchv20:v1", b: "acme/models/zoo-classifier:production") { nodes { status } configChanges { key } }
              runs: compareLineage(a: "acme/zoo/rural-feather-22", b: "acme/zoo/rural-feather-22") { nodes { status } configChanges { key } } }
            """);
        foreach (var key in new[] { "self", "link", "runs" })
        {
            Assert.NotEmpty(data.At($"{key}.nodes").EnumerateArray());
            Assert.All(data.At($"{key}.nodes").EnumerateArray(), n => Assert.Equal("BOTH", n.Str("status")));
            Assert.Empty(data.At($"{key}.configChanges").EnumerateArray());
        }
    }

    [Theory]
    [InlineData("""{ project(path: "acme/zoo") { runs(filter: { createdAfter: "2026-02-01T00:00:00Z", createdBefore: "2026-01-01T00:00:00Z" }) { totalCount } } }""", "filter.createdAfter")]
    [InlineData("""{ project(path: "acme/zoo") { runs(filter: { jobTypes: ["no such"] }) { totalCount } } }""", "filter.jobTypes[0]")]
    [InlineData("""{ project(path: "acme/zoo") { runs(filter: { jobTypes: [] }) { totalCount } } }""", "filter.jobTypes")]
    [InlineData("""{ project(path: "acme/zoo") { artifacts(filter: { nameContains: "" }) { totalCount } } }""", "filter.nameContains")]
    [InlineData("""{ project(path: "acme/zoo") { runs(first: 1, after: "AAAAAAAAAAAAAAAAAAAAAA") { totalCount } } }""", null)]
    [InlineData("""{ compareLineage(a: "acme/zoo/rural-feather-20", b: "acme/zoo/zoo-ylbchv20:v0") { truncated } }""", "b")]
    [InlineData("""{ lineage(start: "acme/zoo/giddy-rain-1", asOf: "2999-01-01T00:00:00Z") { truncated } }""", "asOf")]
    [InlineData("""{ lineage(start: "acme/zoo/giddy-rain-1", asOf: "2001-01-01T00:00:00Z") { truncated } }""", "asOf")]
    [InlineData("""{ collection(path: "acme/models/zoo-classifier") { versions(asOf: "2001-01-01T00:00:00Z") { totalCount } } }""", "asOf")]
    [InlineData("""{ collection(path: "acme/models/zoo-classifier") { versions(asOf: "2999-01-01T00:00:00Z") { totalCount } } }""", "asOf")]
    public async Task bad_input_is_refused_naming_the_argument(string query, string? argument)
    {
        var error = await _admin.ErrorAsync("INVALID_ARGUMENT", query);
        if (argument is not null)
        {
            Assert.Equal(argument, error.Str("extensions.argument"));
        }
    }

    [Fact]
    public async Task a_cursor_of_another_list_and_unknown_filter_values_are_client_errors()
    {
        var other = await _admin.DataAsync("""{ project(path: "secret/vault") { runs(first: 1) { pageInfo { endCursor } } } }""");
        var error = await _admin.ErrorAsync(
            "INVALID_ARGUMENT",
            """query ($after: String) { project(path: "acme/zoo") { runs(orderBy: { field: NAME }, after: $after) { totalCount } } }""",
            new { after = other.Str("project.runs.pageInfo.endCursor") });
        Assert.Equal("after", error.Str("extensions.argument"));

        // An unknown state, or a criterion another list takes, is a bad value of the filter argument.
        var state = await _admin.ErrorAsync("INVALID_ARGUMENT", """{ project(path: "acme/zoo") { runs(filter: { states: [DONE] }) { totalCount } } }""");
        Assert.Equal("filter", state.Str("extensions.argument"));
        Assert.Contains("states", state.Str("message"), StringComparison.Ordinal);
        var unknown = await _admin.ErrorAsync("INVALID_ARGUMENT", """{ project(path: "acme/zoo") { runs(filter: { aliases: ["x"] }) { totalCount } } }""");
        Assert.Contains("aliases", unknown.Str("message"), StringComparison.Ordinal);
        var field = await _admin.ErrorAsync("INVALID_ARGUMENT", """{ project(path: "acme/zoo") { artifacts(orderBy: { field: STATE }) { totalCount } } }""");
        Assert.Equal("orderBy", field.Str("extensions.argument"));
    }

    /// <summary>
    /// The zoo example; on the first day ada links zoo-ylbchv20:v0 into acme/models/zoo-classifier
    /// as production; on the second, rural-feather-22 (epochs 20, lr 0.0005, adam) trains on
    /// split v3 and a secret lookup table and logs v1, and bo links v1, moves production to it
    /// and unlinks v0. northern-lake-21 failed.
    /// </summary>
    public sealed class Scenario : IAsyncLifetime
    {
        public LineageApp App { get; } = new() { Organizations = ["acme", "secret"] };

        public DateTimeOffset FirstDayEnd { get; private set; }

        public DateTimeOffset SecondDayEnd { get; private set; }

        /// <summary>A VIEWER of acme with no role in the registry or in secret.</summary>
        public GraphQLClient Reader { get; private set; } = null!;

        /// <summary>A VIEWER of acme and a RESTRICTED_VIEWER of the registry.</summary>
        public GraphQLClient Restricted { get; private set; } = null!;

        /// <summary>A user with no role anywhere.</summary>
        public GraphQLClient Outsider { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var admin = App.GraphQL();
            await ZooExample.SeedAsync(admin);
            await admin.DataAsync("""mutation { finishRun(input: { run: "acme/zoo/northern-lake-21", state: FAILED }) { state } }""");
            await admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models", visibility: RESTRICTED }) { path } }""");
            await admin.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "zoo-classifier", type: "model" }) { path } }""");
            await admin.DataAsync("""
                mutation { linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v0", collection: "acme/models/zoo-classifier", aliases: ["production"] }) { qualifiedName } }
                """);
            await admin.DataAsync("""
                mutation {
                  createRun(input: { project: "secret/vault", name: "pii-run", jobType: "upload" }) { path }
                  logArtifact(input: { run: "secret/vault/pii-run", name: "pii_lookup", type: "dataset", digest: "sha256:pii" }) { name }
                }
                """);
            FirstDayEnd = DateTimeOffset.UtcNow.AddHours(12);

            App.Clock.Offset = TimeSpan.FromDays(1);
            await admin.DataAsync("""
                mutation {
                  createRun(input: { project: "acme/zoo", name: "rural-feather-22", jobType: "train", config: { epochs: 20, lr: 0.0005, optimizer: { name: "adam" } } }) { path }
                  a: useArtifact(input: { run: "acme/zoo/rural-feather-22", artifact: "acme/zoo/split_zoo_dataset:v3" }) { name }
                  b: useArtifact(input: { run: "acme/zoo/rural-feather-22", artifact: "secret/vault/pii_lookup:v0" }) { name }
                  logArtifact(input: { run: "acme/zoo/rural-feather-22", name: "zoo-ylbchv20", type: "model", digest: "sha256:model1" }) { name }
                }
                """);
            await admin.DataAsync("""
                mutation { linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v1", collection: "acme/models/zoo-classifier", aliases: ["production"] }) { qualifiedName } }
                """);
            await admin.DataAsync("""mutation { unlinkArtifact(input: { artifact: "acme/models/zoo-classifier:v0" }) }""");
            SecondDayEnd = DateTimeOffset.UtcNow.AddDays(1);

            Reader = await App.UserAsync("rita");
            await admin.DataAsync("""mutation { grantRole(input: { resource: "acme", member: "rita", role: VIEWER }) { role } }""");
            Outsider = await App.UserAsync("otto");
            Restricted = await App.UserAsync("rae");
            await admin.DataAsync("""
                mutation {
                  a: grantRole(input: { resource: "acme", member: "rae", role: VIEWER }) { role }
                  b: grantRole(input: { resource: "acme/models", member: "rae", role: RESTRICTED_VIEWER }) { role }
                }
                """);
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }
}
