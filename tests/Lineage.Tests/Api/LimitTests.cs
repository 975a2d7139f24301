using System.Net;
using System.Text;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>Each limit, when breached, answers LIMIT_EXCEEDED naming the limit; nothing is written.</summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class LimitTests : IClassFixture<LimitTests.SmallLimits>
{
    private readonly GraphQLClient _client;

    public LimitTests(SmallLimits server)
    {
        _client = server.Client;
    }

    [Theory]
    [InlineData("""{ project(path: "acme/zoo") { runs(first: 1001) { totalCount } } }""", "first")]
    [InlineData("""{ lineage(start: "acme/zoo/r1", depth: 101) { truncated } }""", "depth")]
    [InlineData("""{ lineage(start: "acme/zoo/r1", maxNodes: 50001) { truncated } }""", "maxNodes")]
    public async Task arguments_beyond_their_caps_are_refused_naming_the_limit(string query, string limit)
    {
        var error = await _client.ErrorAsync("LIMIT_EXCEEDED", query);
        Assert.Equal(limit, error.GetProperty("extensions").GetProperty("limit").GetString());
        Assert.Contains(limit, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_document_longer_than_the_cap_is_refused()
    {
        var query = "{ __typename }" + new string(' ', 2000);
        var response = await _client.SendAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("maxDocumentLength", response.Errors[0].GetProperty("extensions").GetProperty("limit").GetString());
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task a_query_nested_deeper_than_the_cap_is_refused()
    {
        var query = "{ run(path: \"acme/zoo/r1\") { " + string.Concat(Enumerable.Repeat("project { runs(first: 1) { nodes { ", 7)) + "name" + new string('}', 7 * 3) + " } }";
        var error = await _client.ErrorAsync("LIMIT_EXCEEDED", query);
        Assert.Contains("depth", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("maxQueryDepth", error.GetProperty("extensions").GetProperty("limit").GetString());
    }

    [Fact]
    public async Task a_query_whose_complexity_exceeds_the_cap_is_refused()
    {
        var error = await _client.ErrorAsync("LIMIT_EXCEEDED", """
            { project(path: "acme/zoo") { runs(first: 1000) { nodes { usedArtifacts(first: 1000) { nodes { usedBy(first: 1000) { totalCount } } } } } } }
            """);
        Assert.Contains("complex", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("maxComplexity", error.GetProperty("extensions").GetProperty("limit").GetString());
    }

    [Fact]
    public async Task a_document_nested_beyond_the_parser_cap_is_refused_without_crashing()
    {
        var query = "{ __typename(x: " + new string('[', 300) + new string(']', 300) + ") }";
        var error = await _client.ErrorAsync("LIMIT_EXCEEDED", query);
        Assert.Contains("nests deeper", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Query", (await _client.DataAsync("{ __typename }")).Str("__typename"));
    }

    [Fact]
    public async Task a_body_larger_than_the_cap_is_refused_with_413()
    {
        var body = "{\"query\":\"{ __typename }\",\"variables\":{\"pad\":\"" + new string('x', 70 * 1024) + "\"}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.Http.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var parsed = await GraphQLResponse.ReadAsync(response);
        Assert.Equal("LIMIT_EXCEEDED", parsed.Errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task metadata_manifests_and_alias_lists_beyond_their_caps_are_refused_and_write_nothing()
    {
        var before = await _client.DataAsync("""{ run(path: "acme/zoo/r1") { loggedArtifacts { totalCount } } }""");

        var metadata = await _client.ErrorAsync("LIMIT_EXCEEDED",
            """mutation ($m: JSON) { logArtifact(input: { run: "acme/zoo/r1", name: "d", type: "dataset", digest: "x", metadata: $m }) { name } }""",
            new { m = new { text = new string('x', 200) } });
        Assert.Equal("metadata", metadata.GetProperty("extensions").GetProperty("limit").GetString());

        var files = await _client.ErrorAsync("LIMIT_EXCEEDED", """
            mutation { logArtifact(input: { run: "acme/zoo/r1", name: "d", type: "dataset", digest: "x",
              files: [{ path: "a", digest: "1", size: 1 }, { path: "b", digest: "2", size: 1 }, { path: "c", digest: "3", size: 1 }] }) { name } }
            """);
        Assert.Equal("files", files.GetProperty("extensions").GetProperty("limit").GetString());

        await _client.ErrorAsync("LIMIT_EXCEEDED",
            """mutation ($a: [String!]) { logArtifact(input: { run: "acme/zoo/r1", name: "d", type: "dataset", digest: "x", aliases: $a }) { name } }""",
            new { a = Enumerable.Range(0, 101).Select(i => $"alias{i}").ToArray() });

        Assert.Equal(before.ToString(), (await _client.DataAsync("""{ run(path: "acme/zoo/r1") { loggedArtifacts { totalCount } } }""")).ToString());
    }

    [Fact]
    public async Task a_request_running_past_the_execution_timeout_is_stopped_with_limit_exceeded()
    {
        await using var slow = new LineageApp
        {
            Limits = limits => limits.ExecutionTimeout = TimeSpan.FromMilliseconds(200),
            StoreDelay = TimeSpan.FromMinutes(1),
        };
        var client = slow.GraphQL();
        var started = DateTime.UtcNow;
        var response = await client.SendAsync("""{ lineage(start: "acme/zoo/r1") { truncated } }""");
        var error = Assert.Single(response.Errors);
        Assert.Equal("LIMIT_EXCEEDED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("executionTimeout", error.GetProperty("extensions").GetProperty("limit").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "the request was not stopped at its timeout");
    }

    public sealed class SmallLimits : IAsyncLifetime
    {
        private readonly LineageApp _app = new()
        {
            Limits = limits =>
        {
            limits.MaxDocumentLength = 2000;
            limits.MaxRequestBytes = 64 * 1024;
            limits.MaxJsonBytes = 100;
            limits.MaxManifestFiles = 2;
            limits.MaxQueryDepth = 12;
        },
        };

        public GraphQLClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = _app.GraphQL();
            await Client.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "r1" }) { name } }""");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
