using System.Net;
using System.Text;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>Every mistake a client can make gets a clear error with the right code, and nothing is written.</summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class BadInputTests : IClassFixture<BadInputTests.Seeded>
{
    private readonly GraphQLClient _client;

    public BadInputTests(Seeded seeded)
    {
        _client = seeded.Client;
    }

    [Theory]
    [InlineData("""{ run(path: "acme/zoo") { name } }""", "namespace/project/run")]
    [InlineData("""{ run(path: "acme/zoo/bad name") { name } }""", "letters, digits")]
    [InlineData("""{ project(path: "a/b/c") { name } }""", "namespace/project")]
    [InlineData("""{ artifact(name: "acme/zoo/data:v99999999999") { name } }""", "out of range")]
    [InlineData("""{ artifact(name: "../../etc/passwd:v0") { name } }""", "must have the form")]
    [InlineData("""{ artifact(name: "../etc/passwd:v0") { name } }""", "letters, digits")]
    [InlineData("""{ lineage(start: "acme/zoo/r1", depth: -1) { truncated } }""", "depth must be 0 or more")]
    [InlineData("""{ lineage(start: "acme/zoo/r1", maxNodes: 0) { truncated } }""", "maxNodes must be 1 or more")]
    [InlineData("""{ lineage(start: "acme/zoo/r1", artifactTypes: ["no spaces"]) { truncated } }""", "artifactTypes")]
    [InlineData("""{ project(path: "acme/zoo") { runs(first: -1) { totalCount } } }""", "first must be 0 or more")]
    [InlineData("""{ project(path: "acme/zoo") { runs(after: "not-a-cursor") { totalCount } } }""", "cursor")]
    public async Task malformed_arguments_are_invalid_and_say_why(string query, string reason)
    {
        var error = await _client.ErrorAsync("INVALID_ARGUMENT", query);
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ run(path: "acme/zoo/ghost") { name } }""", "run 'acme/zoo/ghost' not found")]
    [InlineData("""{ project(path: "acme/nothing") { name } }""", "project 'acme/nothing' not found")]
    [InlineData("""{ artifact(name: "acme/zoo/data:v7") { name } }""", "'acme/zoo/data:v7' not found")]
    [InlineData("""{ artifact(name: "acme/zoo/data:no-such-alias") { name } }""", "not found")]
    [InlineData("""{ lineage(start: "acme/zoo/ghost") { truncated } }""", "no run or artifact 'acme/zoo/ghost' was found")]
    [InlineData("""mutation { useArtifact(input: { run: "acme/zoo/r1", artifact: "acme/zoo/none:v0" }) { name } }""", "not found")]
    [InlineData("""mutation { logArtifact(input: { run: "acme/zoo/ghost", name: "d", type: "dataset", digest: "x" }) { name } }""", "run 'acme/zoo/ghost' not found")]
    public async Task unknown_things_are_not_found(string query, string message)
    {
        var error = await _client.ErrorAsync("NOT_FOUND", query);
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""mutation { createRun(input: { project: "acme/zoo", name: "x", config: [1, 2] }) { name } }""", "config must be a JSON object")]
    [InlineData("""mutation { createRun(input: { project: "acme/zoo", name: "x y" }) { name } }""", "run name")]
    [InlineData("""mutation { createRun(input: { project: "acme/zoo", name: "x", jobType: "a/b" }) { name } }""", "jobType")]
    [InlineData("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "d", type: "dataset", digest: "has space" }) { name } }""", "digest")]
    [InlineData("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "d", type: "dataset", digest: "x", aliases: ["v3"] }) { name } }""", "look like a version")]
    [InlineData("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "d", type: "dataset", digest: "x", size: -1 }) { name } }""", "size must be 0 or more")]
    [InlineData("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "d", type: "dataset", digest: "x", files: [{ path: "a", digest: "1", size: 1 }, { path: "a", digest: "2", size: 1 }] }) { name } }""", "appears twice")]
    [InlineData("""mutation { addAlias(input: { artifact: "acme/zoo/data:v0", alias: "latest" }) { name } }""", "kept by the service")]
    [InlineData("""mutation { removeAlias(input: { artifact: "acme/zoo/data:v0", alias: "v0" }) { name } }""", "look like a version")]
    public async Task refused_mutations_are_invalid_and_write_nothing(string mutation, string reason)
    {
        var before = await SnapshotAsync();
        var error = await _client.ErrorAsync("INVALID_ARGUMENT", mutation);
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task a_second_run_with_the_same_name_is_a_conflict()
    {
        var error = await _client.ErrorAsync("CONFLICT", """mutation { createRun(input: { project: "acme/zoo", name: "r1" }) { name } }""");
        Assert.Contains("already exists", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_artifact_logged_with_another_type_is_a_conflict_and_writes_nothing()
    {
        var before = await SnapshotAsync();
        await _client.ErrorAsync("CONFLICT", """mutation { logArtifact(input: { run: "acme/zoo/r1", name: "data", type: "model", digest: "new" }) { name } }""");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task a_wrongly_typed_variable_is_an_invalid_argument()
    {
        var response = await _client.SendAsync("""query ($d: Int) { lineage(start: "acme/zoo/r1", depth: $d) { truncated } }""", new { d = "deep" });
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_ARGUMENT", response.Errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task errors_carry_no_stack_traces_or_exception_types()
    {
        var response = await _client.SendAsync("""{ run(path: "acme/zoo/ghost") { name } }""");
        var text = response.Body.ToString();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.Equal(["code"], response.Errors[0].GetProperty("extensions").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task malformed_json_is_a_bad_request_and_the_server_keeps_serving()
    {
        foreach (var body in new[] { "{", "[1,2]", "{\"query\": 5}", "null", "\"text\"", "{\"query\":\"{__typename}\",\"variables\":[1]}" })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _client.Http.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var parsed = await GraphQLResponse.ReadAsync(response);
            Assert.Equal("INVALID_ARGUMENT", parsed.Errors[0].GetProperty("extensions").GetProperty("code").GetString());
        }

        using var invalidUtf8 = new ByteArrayContent([0x7B, 0x22, 0x71, 0xFF, 0xFE, 0x22, 0x7D]);
        invalidUtf8.Headers.ContentType = new("application/json");
        using var bad = await _client.Http.PostAsync("/graphql", invalidUtf8, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        Assert.Equal("Query", (await _client.DataAsync("{ __typename }")).Str("__typename"));
    }

    [Theory]
    [InlineData("""{"query":"mutation($c: JSON){ createRun(input:{project:\"acme/zoo\", name:\"s\", config:$c}) { name } }","variables":{"c":{"s":"\ud800"}}}""")]
    [InlineData("""{"query":"{ run(path: \"acme/zoo/\ud800\") { name } }"}""")]
    [InlineData("""{"query":"{ __typename }","operationName":"\udc00"}""")]
    public async Task text_that_is_not_valid_unicode_is_a_bad_request(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.Http.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task hostile_and_random_bodies_never_get_a_server_error()
    {
        var random = new Random(42);
        const string alphabet = "{}()[]:$@!\"\\ abcxyz_0123456789.,=#\n";
        var bodies = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { query = "{ " + string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"a{i}: __typename")) + " }" })),
            Encoding.UTF8.GetBytes("""{"query":"query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"}"""),
            Encoding.UTF8.GetBytes("""{"query":"{ lineage(start: \"acme/zoo/r1\", depth: 2147483648) { truncated } }"}"""),
            Encoding.UTF8.GetBytes("""{"query":"{ project(path: \"acme/zoo\") { runs(first: 2147483647) { totalCount } } }"}"""),
            Encoding.UTF8.GetBytes("""{"query":"subscription { a }"}"""),
            Encoding.UTF8.GetBytes("""{"query":"query A { __typename } query B { __typename }"}"""),
            Encoding.UTF8.GetBytes("""{"query":"{ __typename }","operationName":"Nope"}"""),
            Encoding.UTF8.GetBytes("""{"query":"mutation($c: JSON){ createRun(input:{project:\"acme/other\", name:\"big\", config:$c}) { name } }","variables":{"c":{"n":1e400,"m":123456789012345678901234567890}}}"""),
            Encoding.UTF8.GetBytes(new string('{', 100_000)),
        };
        for (var i = 0; i < 150; i++)
        {
            var query = new string([.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            bodies.Add(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { query })));
            var noise = new byte[random.Next(1, 100)];
            random.NextBytes(noise);
            bodies.Add(noise);
        }

        var before = await SnapshotAsync();
        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await _client.Http.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                var shown = Encoding.UTF8.GetString(body);
                Assert.Fail($"{(int)response.StatusCode} for {shown[..Math.Min(shown.Length, 200)]}");
            }
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<string> SnapshotAsync()
    {
        var data = await _client.DataAsync("""
            { project(path: "acme/zoo") {
                runs(first: 20) { totalCount nodes { name loggedArtifacts(first: 20) { totalCount } usedArtifacts(first: 20) { totalCount } } }
                artifacts(first: 20) { totalCount nodes { name type versions(first: 20) { nodes { name aliases usedBy(first: 20) { totalCount } loggers(first: 20) { nodes { name } } } } } } } }
            """);
        return data.ToString();
    }

    public sealed class Seeded : IAsyncLifetime
    {
        private readonly LineageApp _app = new();

        public GraphQLClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = _app.GraphQL();
            await Client.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "r1" }) { name } }""");
            await Client.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "data", type: "dataset", digest: "d0" }) { name } }""");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
