using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Lineage.Tests.Reliability;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// Ids, cursors and request ids tell a tenant nothing about what the others hold: they are
/// opaque (no server-wide number can be read from them), stable across restarts, bound to
/// their kind, and cannot be forged.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed partial class OpaqueIdTests : IAsyncLifetime
{
    private readonly LineageApp _app = new() { Organizations = ["acme", "newco"] };
    private GraphQLClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("^(run|version|event|project|collection|registry|namespace|principal|artifact|link):[A-Za-z0-9_-]{22}$")]
    private static partial Regex OpaqueId();

    [GeneratedRegex("^[A-Za-z0-9_-]{22}$")]
    private static partial Regex OpaqueCursor();

    public async ValueTask InitializeAsync()
    {
        _admin = _app.GraphQL();

        // Another tenant's work, so that the server's numbers are well past a newcomer's.
        for (var i = 0; i < 40; i++)
        {
            await _admin.DataAsync("mutation ($n: String!) { createRun(input: { project: \"acme/busy\", name: $n }) { path } }", new { n = $"r{i}" });
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task a_new_tenants_ids_and_cursors_tell_nothing_of_what_others_hold()
    {
        var user = await _app.UserAsync("nia");
        await _admin.DataAsync("""mutation { grantRole(input: { resource: "newco", member: "nia", role: MEMBER }) { role } }""");
        await user.DataAsync("""mutation { createRun(input: { project: "newco/p", name: "first" }) { id } }""");
        var second = await user.DataAsync("""mutation { createRun(input: { project: "newco/p", name: "second" }) { id project { id } } }""");
        var logged = await user.DataAsync("""mutation { logArtifact(input: { run: "newco/p/second", name: "d", type: "dataset", digest: "d0" }) { id } }""");
        var page = await user.DataAsync("""
            { project(path: "newco/p") { runs(first: 1) { edges { cursor } pageInfo { endCursor } } }
              lineage(start: "newco/p/d:v0") { nodes { id } edges { from to } }
              artifact(name: "newco/p/d:v0") { artifact { history { nodes { id } } } } }
            """);

        var ids = new[] { second.Str("createRun.id"), second.Str("createRun.project.id"), logged.Str("logArtifact.id"), page.Str("artifact.artifact.history.nodes.0.id") };
        Assert.All(ids, id => Assert.Matches(OpaqueId(), id));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.DoesNotMatch(@":\d+$", id));

        // A lineage node has the id of its run or version, and edges name nodes by it.
        Assert.Equal(
            new[] { second.Str("createRun.id"), logged.Str("logArtifact.id") }.Order(),
            page.At("lineage.nodes").EnumerateArray().Select(n => n.Str("id")).Order());
        Assert.Equal(second.Str("createRun.id"), page.Str("lineage.edges.0.from"));
        Assert.Equal(logged.Str("logArtifact.id"), page.Str("lineage.edges.0.to"));
        Assert.Matches(OpaqueCursor(), page.Str("project.runs.pageInfo.endCursor"));
        Assert.Matches(OpaqueCursor(), page.Str("project.runs.edges.0.cursor"));

        // Stable: the same thing has the same id in every answer.
        var again = await user.DataAsync("""{ run(path: "newco/p/second") { id } }""");
        Assert.Equal(second.Str("createRun.id"), again.Str("run.id"));
    }

    [Fact]
    public async Task a_cursor_that_was_not_given_out_is_refused()
    {
        var run = await _admin.DataAsync("""{ run(path: "acme/busy/r1") { id } }""");
        var forged = new[]
        {
            "AAAAAAAAAAAAAAAAAAAAAA",
            run.Str("run.id").Split(':')[1],
            Convert.ToBase64String("k1:5"u8.ToArray()),
            "not a cursor",

            // As long as a real cursor, with characters outside the alphabet.
            "'; DROP TABLE runs; --",
            "AAAAAAAAAAAAAAAAAAAA+/",
            "AAAAAAAAAAAAAAAAAAAA==",
        };
        foreach (var cursor in forged)
        {
            var error = await _admin.ErrorAsync("INVALID_ARGUMENT", "query ($a: String) { project(path: \"acme/busy\") { runs(after: $a) { totalCount } } }", new { a = cursor });
            Assert.Contains("cursor 'after' is not valid", error.Str("message"), StringComparison.Ordinal);
        }

        // The cursors it gave out page on.
        var first = await _admin.DataAsync("""{ project(path: "acme/busy") { runs(first: 30) { pageInfo { endCursor } } } }""");
        var rest = await _admin.DataAsync(
            "query ($a: String) { project(path: \"acme/busy\") { runs(first: 30, after: $a) { nodes { name } } } }", new { a = first.Str("project.runs.pageInfo.endCursor") });
        Assert.Equal(10, rest.At("project.runs.nodes").GetArrayLength());
    }

    [Fact]
    public async Task request_ids_are_random_not_counted()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await _admin.Http.PostAsync(
                "/graphql", new StringContent("""{"query":"{ viewer { name } }"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
            ids.Add(response.Headers.GetValues("X-Request-Id").Single());
        }

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{20}$", id));
        Assert.Equal(5, ids.Distinct().Count());
        Assert.True(ids.Select(id => id[..12]).Distinct().Count() > 1, "request ids share a prefix, as a counter's would");
    }

    [Fact]
    public async Task ids_stay_the_same_across_restarts()
    {
        using var data = new TempDirectory();
        await using var server = new ServerProcess(data.Path);
        await server.StartAsync(Ct);
        var api = Client(server);
        await api.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""");
        var before = await api.DataAsync("""mutation { createRun(input: { project: "acme/p", name: "r" }) { id } }""");

        await server.KillAsync();
        await server.StartAsync(Ct);
        var after = await Client(server).DataAsync("""{ run(path: "acme/p/r") { id } }""");

        Assert.Equal(before.Str("createRun.id"), after.Str("run.id"));
    }

    private static GraphQLClient Client(ServerProcess server)
    {
        var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminKey);
        return new GraphQLClient(http);
    }
}
