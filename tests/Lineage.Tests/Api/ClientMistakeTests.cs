using System.Net;
using System.Text;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Api;

/// <summary>
/// Mistakes a client can make in the shape of a request (duplicated keys, numbers no JSON reader
/// can hold, an operation that cannot be chosen, JSON nested too deep) are client errors: a 4xx
/// or a client error code, with a message that names the problem, and nothing is written.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class ClientMistakeTests : IAsyncLifetime
{
    private readonly LineageApp _app = new() { Organizations = [] };
    private GraphQLClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.GraphQL();
        await _client.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""");
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "r1" }) { name } }""");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("""{"query":"query ($a: String!) { run(path: $a) { name } }","variables":{"a":"acme/zoo/r1","a":"acme/zoo/r2"}}""")]
    [InlineData("""{"query":"{ __typename }","extensions":{"x":1,"x":2}}""")]
    [InlineData("""{"query":"{ __typename }","query":"{ viewer { name } }"}""")]
    [InlineData("""{"query":"mutation ($c: JSON) { createRun(input: { project: \"acme/zoo\", name: \"dup\", config: $c }) { name } }","variables":{"c":{"k":1,"k":2}}}""")]
    public async Task duplicated_keys_are_a_bad_request_that_names_the_key(string body)
    {
        var (status, response) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_ARGUMENT", response.Errors.Single().At("extensions.code").GetString());
        Assert.Contains("duplicate", response.Errors[0].GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase);
        await AssertNoRunAsync("dup");
    }

    [Theory]
    [InlineData("""{"query":"mutation ($c: JSON) { createRun(input: { project: \"acme/zoo\", name: \"huge\", config: $c }) { name } }","variables":{"c":{"n":1e400}}}""")]
    [InlineData("""{"query":"mutation ($c: JSON) { createRun(input: { project: \"acme/zoo\", name: \"huge\", config: $c }) { name } }","variables":{"c":{"deep":[[{"n":-1e999}]]}}}""")]
    [InlineData("""{"query":"mutation { createRun(input: { project: \"acme/zoo\", name: \"huge\", config: { n: 1e400 } }) { name } }"}""")]
    public async Task a_number_no_64_bit_float_can_hold_is_refused_as_out_of_range(string body)
    {
        var (status, response) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        var error = response.Errors.Single();
        Assert.Equal("INVALID_ARGUMENT", error.At("extensions.code").GetString());
        Assert.Contains("out of range", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertNoRunAsync("huge");
    }

    [Theory]
    [InlineData("""{"query":"query A { __typename } query B { __typename }"}""", "holds 2 operations ('A', 'B'): name the one to run in operationName")]
    [InlineData("""{"query":"query A { __typename }","operationName":"Nope"}""", "has no operation named 'Nope'; it holds 'A'")]
    [InlineData("""{"query":"fragment F on Query { __typename }"}""", "holds no operation")]
    [InlineData("""{"query":"subscription { run(path: \"acme/zoo/r1\") { name } }"}""", "subscriptions are not served")]
    [InlineData("""{"query":"subscription S { __typename }","operationName":"S"}""", "subscriptions are not served")]
    public async Task an_operation_that_cannot_be_run_is_a_client_error_that_says_why(string body, string reason)
    {
        foreach (var (accept, expected) in new[] { ("application/graphql-response+json", HttpStatusCode.BadRequest), ("application/json", HttpStatusCode.OK) })
        {
            var (status, response) = await PostAsync(body, accept);

            Assert.Equal(expected, status);
            Assert.False(response.Body.TryGetProperty("data", out _));
            var error = response.Errors.Single();
            Assert.Equal("INVALID_ARGUMENT", error.At("extensions.code").GetString());
            Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task json_nested_past_the_limit_is_refused_and_what_is_stored_reads_back_at_any_depth()
    {
        var error = await _client.ErrorAsync(
            "INVALID_ARGUMENT",
            "mutation ($c: JSON) { createRun(input: { project: \"acme/zoo\", name: \"deep\", config: $c }) { name } }",
            new { c = Nested(33) });
        Assert.Contains("nests deeper than 32 levels", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertNoRunAsync("deep");

        var literal = await _client.ErrorAsync(
            "INVALID_ARGUMENT",
            "mutation { logArtifact(input: { run: \"acme/zoo/r1\", name: \"d\", type: \"t\", digest: \"x\", metadata: " + NestedLiteral(40) + " }) { name } }");
        Assert.Contains("metadata nests deeper", literal.GetProperty("message").GetString(), StringComparison.Ordinal);

        // 32 levels are accepted, and read back from deep inside an answer.
        await _client.DataAsync(
            "mutation ($c: JSON) { createRun(input: { project: \"acme/zoo\", name: \"deep\", config: $c }) { name } }",
            new { c = Nested(32) });
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/deep", name: "out", type: "t", digest: "o1" }) { name } }""");
        const string deepRead = """
            { project(path: "acme/zoo") { runs(first: 2) { nodes { loggedArtifacts(first: 2) { nodes { loggedBy { loggedArtifacts(first: 2) { nodes {
                loggedBy { loggedArtifacts(first: 2) { nodes { loggedBy { name config } } } } } } } } } } } } }
            """;
        var answer = await _client.DataAsync(deepRead);
        Assert.Contains("\"level\":32", answer.GetRawText(), StringComparison.Ordinal);

        // A value stored before nesting was limited, 60 levels deep, reads back there too.
        await using (var connection = new SqliteConnection($"Data Source={_app.Database.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE runs SET config = $c WHERE name = 'deep'";
            update.Parameters.AddWithValue("$c", System.Text.Json.JsonSerializer.Serialize(Nested(60)));
            await update.ExecuteNonQueryAsync(Ct);
        }

        // Written behind the server's back, as another process would: the server sees it once
        // what it read lately has aged out.
        var writtenAt = System.Diagnostics.Stopwatch.GetTimestamp();
        await ExternalWrites.VisibleAsync(writtenAt, Ct);
        var old = await _client.DataAsync(deepRead);
        Assert.Contains("\"level\":60", old.GetRawText(), StringComparison.Ordinal);
    }

    private static Dictionary<string, object> Nested(int levels)
    {
        var value = new Dictionary<string, object> { ["level"] = levels };
        for (var level = levels - 1; level >= 1; level--)
        {
            value = new Dictionary<string, object> { ["level"] = level, ["inner"] = value };
        }

        return value;
    }

    private static string NestedLiteral(int levels) =>
        string.Concat(Enumerable.Repeat("{ a: ", levels)) + "1" + new string('}', levels);

    private async Task AssertNoRunAsync(string name)
    {
        var response = await _client.SendAsync("query ($p: String!) { run(path: $p) { name } }", new { p = $"acme/zoo/{name}" });
        Assert.Equal("NOT_FOUND", response.Errors.Single().At("extensions.code").GetString());
    }

    private async Task<(HttpStatusCode Status, GraphQLResponse Response)> PostAsync(string body, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd(accept);
        using var response = await _client.Http.SendAsync(request, Ct);
        return (response.StatusCode, await GraphQLResponse.ReadAsync(response));
    }
}
