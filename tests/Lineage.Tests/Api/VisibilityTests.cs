using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// What a caller cannot see never leaks through nesting or lineage. acme/zoo/data:v0 is used by
/// acme/zoo/a and by secret/lab/b, a run in a namespace alice has no role in; b's model was
/// evaluated by acme/zoo/eval into acme/zoo/report:v0.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class VisibilityTests : IAsyncLifetime
{
    private readonly LineageApp _app = new() { Organizations = [] };
    private GraphQLClient _admin = null!;
    private GraphQLClient _alice = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = _app.GraphQL();
        _alice = await _app.UserAsync("alice");
        await _admin.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""");
        await _admin.DataAsync("""mutation { createNamespace(input: { name: "secret", kind: ORGANIZATION }) { name } }""");
        await _admin.DataAsync("""mutation { grantRole(input: { resource: "acme", member: "alice", role: MEMBER }) { role } }""");
        foreach (var document in new[]
        {
            """mutation { createRun(input: { project: "acme/zoo", name: "prep" }) { path } }""",
            """mutation { logArtifact(input: { run: "acme/zoo/prep", name: "data", type: "dataset", digest: "d0" }) { name } }""",
            """mutation { createRun(input: { project: "acme/zoo", name: "a" }) { path } }""",
            """mutation { useArtifact(input: { run: "acme/zoo/a", artifact: "acme/zoo/data:v0" }) { name } }""",
            """mutation { createRun(input: { project: "secret/lab", name: "b", jobType: "train" }) { path } }""",
            """mutation { useArtifact(input: { run: "secret/lab/b", artifact: "acme/zoo/data:v0" }) { name } }""",
            """mutation { logArtifact(input: { run: "secret/lab/b", name: "model", type: "model", digest: "m0" }) { name } }""",
            """mutation { createRun(input: { project: "acme/zoo", name: "eval" }) { path } }""",
            """mutation { useArtifact(input: { run: "acme/zoo/eval", artifact: "secret/lab/model:v0" }) { name } }""",
            """mutation { logArtifact(input: { run: "acme/zoo/eval", name: "report", type: "report", digest: "r0" }) { name } }""",
        })
        {
            await _admin.DataAsync(document);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task a_visible_artifact_used_by_an_invisible_run_lists_and_counts_only_visible_runs()
    {
        const string query = """{ artifact(name: "acme/zoo/data:v0") { usedBy { totalCount nodes { path } pageInfo { hasNextPage } } } }""";

        var seen = await _alice.DataAsync(query);
        Assert.Equal(1, seen.At("artifact.usedBy.totalCount").GetInt32());
        Assert.Equal(["acme/zoo/a"], seen.At("artifact.usedBy.nodes").EnumerateArray().Select(n => n.Str("path")));
        Assert.False(seen.At("artifact.usedBy.pageInfo.hasNextPage").GetBoolean());

        var all = await _admin.DataAsync(query);
        Assert.Equal(2, all.At("artifact.usedBy.totalCount").GetInt32());
    }

    [Fact]
    public async Task a_visible_run_that_used_an_invisible_version_shows_no_trace_of_it()
    {
        var response = await _alice.SendAsync("""
            { run(path: "acme/zoo/eval") { usedArtifacts { totalCount nodes { qualifiedName } } loggedArtifacts { totalCount nodes { qualifiedName } } } }
            """);

        Assert.Empty(response.Errors);
        Assert.Equal(0, response.Data.At("run.usedArtifacts.totalCount").GetInt32());
        Assert.Equal(1, response.Data.At("run.loggedArtifacts.totalCount").GetInt32());
        Assert.DoesNotContain("secret", response.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task lineage_across_a_private_project_stops_at_the_last_visible_node()
    {
        var downstream = await _alice.SendAsync("""
            { lineage(start: "acme/zoo/data:v0", direction: DOWNSTREAM, depth: 10) { nodes { id name hops } edges { from to kind } truncated } }
            """);
        Assert.Empty(downstream.Errors);
        Assert.Equal(["a", "data:v0"], downstream.Data.At("lineage.nodes").EnumerateArray().Select(n => n.Str("name")).Order());
        Assert.Single(downstream.Data.At("lineage.edges").EnumerateArray());
        Assert.False(downstream.Data.At("lineage.truncated").GetBoolean());
        Assert.DoesNotContain("secret", downstream.Body.GetRawText(), StringComparison.Ordinal);

        var upstream = await _alice.DataAsync("""{ lineage(start: "acme/zoo/report:v0", direction: UPSTREAM, depth: 10) { nodes { name } } }""");
        Assert.Equal(["eval", "report:v0"], upstream.At("lineage.nodes").EnumerateArray().Select(n => n.Str("name")).Order());

        var whole = await _admin.DataAsync("""{ lineage(start: "acme/zoo/data:v0", direction: DOWNSTREAM, depth: 10) { nodes { name } } }""");
        Assert.Equal(6, whole.At("lineage.nodes").GetArrayLength());
    }

    [Fact]
    public async Task private_things_look_exactly_like_missing_things()
    {
        var hidden = await _alice.ErrorAsync("NOT_FOUND", """{ run(path: "secret/lab/b") { path } }""");
        var missing = await _alice.ErrorAsync("NOT_FOUND", """{ run(path: "nosuch/lab/b") { path } }""");
        Assert.Equal(missing.Str("message").Replace("nosuch", "secret", StringComparison.Ordinal), hidden.Str("message"));

        await _alice.ErrorAsync("NOT_FOUND", """{ artifact(name: "secret/lab/model:v0") { name } }""");
        await _alice.ErrorAsync("NOT_FOUND", """{ project(path: "secret/lab") { path } }""");
        await _alice.ErrorAsync("NOT_FOUND", """{ lineage(start: "secret/lab/b") { truncated } }""");
        await _alice.ErrorAsync("NOT_FOUND", """{ namespace(name: "secret") { name } }""");
        await _alice.ErrorAsync("NOT_FOUND", """mutation { useArtifact(input: { run: "acme/zoo/a", artifact: "secret/lab/model:v0" }) { name } }""");
        await _alice.ErrorAsync("NOT_FOUND", """mutation { createRun(input: { project: "secret/lab", name: "mine" }) { path } }""");
    }

    [Fact]
    public async Task a_project_name_held_by_a_hidden_registry_is_only_unavailable_never_named_as_a_registry()
    {
        await _admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "restricted", visibility: RESTRICTED }) { path } }""");
        await _admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "open", visibility: ORGANIZATION }) { path } }""");

        var hidden = await _alice.ErrorAsync("CONFLICT", """mutation { createRun(input: { project: "acme/restricted", name: "r" }) { path } }""");
        Assert.Equal("the name 'restricted' is not available for a project in 'acme'; choose another", hidden.Str("message"));
        Assert.DoesNotContain("registry", hidden.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // Whoever can see the registry is told what holds the name.
        var seen = await _alice.ErrorAsync("CONFLICT", """mutation { createRun(input: { project: "acme/open", name: "r" }) { path } }""");
        Assert.Contains("'acme/open' is a registry", seen.Str("message"), StringComparison.Ordinal);
        var admin = await _admin.ErrorAsync("CONFLICT", """mutation { createRun(input: { project: "acme/restricted", name: "r" }) { path } }""");
        Assert.Contains("'acme/restricted' is a registry", admin.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_refused_cycle_through_a_private_project_names_its_nodes_only_as_hidden()
    {
        var error = await _alice.ErrorAsync("CYCLE_DETECTED", """
            mutation { useArtifact(input: { run: "acme/zoo/prep", artifact: "acme/zoo/report:v0" }) { name } }
            """);

        Assert.Equal(
            ["acme/zoo/report:v0", "acme/zoo/prep", "acme/zoo/data:v0", "(hidden run)", "(hidden artifact version)", "acme/zoo/eval", "acme/zoo/report:v0"],
            error.At("extensions.path").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain("secret", error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_caller_lists_the_namespaces_it_holds_a_role_in()
    {
        var mine = await _alice.DataAsync("{ namespaces { totalCount nodes { name kind viewerRole } } }");
        Assert.Equal(2, mine.At("namespaces.totalCount").GetInt32());
        Assert.Equal(["alice:USER:ADMIN", "acme:ORGANIZATION:MEMBER"],
            mine.At("namespaces.nodes").EnumerateArray().Select(n => $"{n.Str("name")}:{n.Str("kind")}:{n.Str("viewerRole")}"));

        var all = await _admin.DataAsync("{ namespaces(first: 2) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } }");
        Assert.Equal(4, all.At("namespaces.totalCount").GetInt32());   // alice, acme, secret and admin's own
        Assert.True(all.At("namespaces.pageInfo.hasNextPage").GetBoolean());
        var rest = await _admin.DataAsync("query ($after: String) { namespaces(after: $after) { nodes { name } } }", new { after = all.Str("namespaces.pageInfo.endCursor") });
        Assert.Equal(2, rest.At("namespaces.nodes").GetArrayLength());
    }

    [Fact]
    public async Task created_by_is_the_authenticated_caller()
    {
        var run = await _alice.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "mine" }) { createdBy } }""");
        var version = await _alice.DataAsync("""
            mutation { logArtifact(input: { run: "acme/zoo/mine", name: "out", type: "dataset", digest: "o0" }) { createdBy } }
            """);

        Assert.Equal("alice", run.Str("createRun.createdBy"));
        Assert.Equal("alice", version.Str("logArtifact.createdBy"));
        var viewer = await _alice.DataAsync("{ viewer { name kind isAdministrator homeNamespace } }");
        Assert.Equal(("alice", "USER", false, "alice"),
            (viewer.Str("viewer.name"), viewer.Str("viewer.kind"), viewer.At("viewer.isAdministrator").GetBoolean(), viewer.Str("viewer.homeNamespace")));
    }
}
