using System.Text;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// No single request can make the server hold an unbounded amount: every list that can grow is
/// a connection, every field is costed by the items it can return, the lineage fields of a
/// document share one node budget, a lineage answer holds at most two edges per node of its
/// budget, a version holds at most 100 aliases, and an answer larger than the response budget
/// is replaced by an error that names it.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class CostTests : IAsyncLifetime
{
    private readonly LineageApp _app = new();
    private GraphQLClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _app.GraphQL();

        // Five runs that each use the same five datasets: 25 edges among 10 nodes.
        var writes = new StringBuilder("mutation {");
        writes.Append("p: createRun(input: { project: \"acme/dense\", name: \"maker\" }) { name } ");
        for (var v = 0; v < 5; v++)
        {
            writes.Append(System.Globalization.CultureInfo.InvariantCulture, $"l{v}: logArtifact(input: {{ run: \"acme/dense/maker\", name: \"d{v}\", type: \"dataset\", digest: \"x{v}\" }}) {{ name }} ");
        }

        for (var r = 0; r < 5; r++)
        {
            writes.Append(System.Globalization.CultureInfo.InvariantCulture, $"r{r}: createRun(input: {{ project: \"acme/dense\", name: \"user{r}\" }}) {{ name }} ");
            for (var v = 0; v < 5; v++)
            {
                writes.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{r}{v}: useArtifact(input: {{ run: \"acme/dense/user{r}\", artifact: \"acme/dense/d{v}:v0\" }}) {{ name }} ");
            }
        }

        await _client.DataAsync(writes.Append('}').ToString());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task many_aliases_of_a_list_are_refused_before_anything_runs()
    {
        var loggers = "{ " + string.Join(' ', Enumerable.Range(0, 150).Select(i =>
            $"a{i}: artifact(name: \"acme/dense/d0:v0\") {{ loggers(first: 1000) {{ nodes {{ path config createdBy project {{ path }} }} }} }}")) + " }";
        var error = await _client.ErrorAsync("LIMIT_EXCEEDED", loggers);
        Assert.Equal("maxComplexity", error.At("extensions.limit").GetString());

        var lineage = "{ " + string.Join(' ', Enumerable.Range(0, 60).Select(i =>
            $"a{i}: lineage(start: \"acme/dense/d0:v0\", maxNodes: 50000) {{ nodes {{ id }} }}")) + " }";
        error = await _client.ErrorAsync("LIMIT_EXCEEDED", lineage);
        Assert.Equal("maxComplexity", error.At("extensions.limit").GetString());

        // An export costs the graph it writes out: two of the largest are over the limit.
        error = await _client.ErrorAsync("LIMIT_EXCEEDED", """
            { a: lineageExport(start: "acme/dense/d0:v0", format: DOT, maxNodes: 50000) b: lineageExport(start: "acme/dense/d0:v0", format: DOT, maxNodes: 50000) }
            """);
        Assert.Equal("maxComplexity", error.At("extensions.limit").GetString());

        // Whatever is selected through each node is paid once per node.
        error = await _client.ErrorAsync("LIMIT_EXCEEDED", """
            { lineage(start: "acme/dense/d0:v0", maxNodes: 1000) { nodes { artifact { usedBy(first: 1000) { nodes { name } } } } } }
            """);
        Assert.Equal("maxComplexity", error.At("extensions.limit").GetString());
    }

    [Fact]
    public async Task a_document_sent_again_is_still_costed_by_the_variables_it_comes_with()
    {
        // The same text is parsed and checked against the schema once; its cost depends on the
        // variables, so each request is costed again.
        const string Query = """
            query ($n: Int, $m: Int) { a: artifact(name: "acme/dense/d0:v0") { usedBy(first: $n) { nodes { usedArtifacts(first: $m) { nodes { name } } } } } }
            """;
        for (var i = 0; i < 2; i++)
        {
            var small = await _client.DataAsync(Query, new { n = 5, m = 5 });
            Assert.Equal(5, small.At("a.usedBy.nodes").GetArrayLength());
            var error = await _client.ErrorAsync("LIMIT_EXCEEDED", Query, new { n = 1000, m = 1000 });
            Assert.Equal("maxComplexity", error.At("extensions.limit").GetString());
        }

        // A document that fails the schema's rules fails them every time it is sent.
        for (var i = 0; i < 2; i++)
        {
            await _client.ErrorAsync("GRAPHQL_VALIDATION_FAILED", """{ artifact(name: "acme/dense/d0:v0") { noSuchField } }""");
        }
    }

    [Fact]
    public async Task a_document_without_variables_is_costed_once_but_each_operation_of_a_document_is_costed_for_itself()
    {
        const string Fixed = """{ a: artifact(name: "acme/dense/d0:v0") { usedBy(first: 5) { nodes { name } } } }""";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(5, (await _client.DataAsync(Fixed)).At("a.usedBy.nodes").GetArrayLength());
        }

        // Two operations in one text: the cheap one passing says nothing of the costly one.
        var costly = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"l{i}: lineage(start: \"acme/dense/d0:v0\", maxNodes: 50000) {{ nodes {{ id }} }}"));
        var document = $$"""query Cheap { artifact(name: "acme/dense/d0:v0") { name } } query Costly { {{costly}} }""";
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("d0:v0", (await _client.DataAsync(document, operationName: "Cheap")).Str("artifact.name"));
            var error = await _client.ErrorAsync("LIMIT_EXCEEDED", document, operationName: "Costly");
            Assert.Equal("maxComplexity", error.At("extensions.limit").GetString());
        }
    }

    [Fact]
    public async Task the_largest_lineage_view_of_the_web_page_fits_the_cost_limit()
    {
        var data = await _client.DataAsync("""
            { lineage(start: "acme/dense/d0:v0", maxNodes: 50000) { truncated nodes { id kind name path type hops } edges { from to kind } } }
            """);
        Assert.Equal(7, data.At("lineage.nodes").GetArrayLength());
    }

    [Fact]
    public async Task the_lineage_fields_of_one_document_share_one_node_budget()
    {
        var response = await _client.SendAsync("""
            { a: lineage(start: "acme/dense/d0:v0", maxNodes: 30000) { truncated } b: lineage(start: "acme/dense/d1:v0", maxNodes: 30000) { truncated } }
            """);

        var error = Assert.Single(response.Errors);
        Assert.Equal("maxNodes", error.At("extensions.limit").GetString());
        Assert.Contains("ask for 60000 nodes in all", error.Str("message"), StringComparison.Ordinal);

        var within = await _client.DataAsync("""
            { a: lineage(start: "acme/dense/d0:v0", maxNodes: 25000) { truncated } b: lineage(start: "acme/dense/d1:v0", maxNodes: 25000) { truncated } }
            """);
        Assert.False(within.At("a.truncated").GetBoolean());
    }

    [Fact]
    public async Task a_lineage_answer_holds_at_most_two_edges_per_node_of_its_budget_and_says_it_was_cut()
    {
        // From the maker down two hops: 11 nodes and 30 edges (every user used every dataset).
        const string query = """query ($max: Int) { lineage(start: "acme/dense/maker", direction: DOWNSTREAM, depth: 2, maxNodes: $max) { truncated nodes { id } edges { from to } } }""";
        var whole = await _client.DataAsync(query, new { max = 100 });
        Assert.False(whole.At("lineage.truncated").GetBoolean());
        Assert.Equal(11, whole.At("lineage.nodes").GetArrayLength());
        Assert.Equal(30, whole.At("lineage.edges").GetArrayLength());

        var cut = await _client.DataAsync(query, new { max = 11 });
        Assert.True(cut.At("lineage.truncated").GetBoolean());
        Assert.Equal(11, cut.At("lineage.nodes").GetArrayLength());
        Assert.Equal(22, cut.At("lineage.edges").GetArrayLength());
    }

    [Fact]
    public async Task a_version_holds_at_most_a_hundred_aliases()
    {
        var aliases = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"\"a{i}\""));
        await _client.DataAsync($$"""mutation { addAlias(input: { artifact: "acme/dense/d1:v0", alias: "a0" }) { name } logArtifact(input: { run: "acme/dense/maker", name: "d1", type: "dataset", digest: "x1", aliases: [{{aliases}}] }) { aliases } }""");

        var error = await _client.ErrorAsync("LIMIT_EXCEEDED", """mutation { addAlias(input: { artifact: "acme/dense/d1:v0", alias: "one-more" }) { name } }""");
        Assert.Equal("aliases", error.At("extensions.limit").GetString());
        Assert.Contains("already holds 100 aliases", error.Str("message"), StringComparison.Ordinal);

        // Moving one of its own aliases is not adding one.
        await _client.DataAsync("""mutation { addAlias(input: { artifact: "acme/dense/d1:v0", alias: "a5" }) { name } }""");
    }

    [Fact]
    public async Task an_answer_larger_than_the_response_budget_is_an_error_naming_it_and_a_mutation_with_one_is_not_applied()
    {
        await using var small = new LineageApp { Limits = limits => limits.MaxResponseBytes = 4096 };
        var client = small.GraphQL();
        var config = new { notes = new string('n', 3000) };
        await client.DataAsync("mutation ($c: JSON) { createRun(input: { project: \"acme/big\", name: \"one\", config: $c }) { name } }", new { c = config });

        var response = await client.SendAsync("""{ a: run(path: "acme/big/one") { config } b: run(path: "acme/big/one") { config } }""");
        var error = Assert.Single(response.Errors);
        Assert.Equal("LIMIT_EXCEEDED", error.At("extensions.code").GetString());
        Assert.Equal("maxResponseBytes", error.At("extensions.limit").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Data.ValueKind);

        var mutation = await client.SendAsync(
            "mutation ($c: JSON) { createRun(input: { project: \"acme/big\", name: \"two\", config: $c }) { config project { runs { nodes { config } } } } }",
            new { c = config });
        Assert.Equal("maxResponseBytes", mutation.Errors.Single().At("extensions.limit").GetString());
        Assert.True(mutation.Errors[0].At("extensions.rolledBack").GetBoolean());
        await client.ErrorAsync("NOT_FOUND", """{ run(path: "acme/big/two") { name } }""");
    }
}
