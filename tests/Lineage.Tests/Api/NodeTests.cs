using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// Relay's Node: every id a type shows finds that thing again through node(id:) and
/// nodes(ids:), as the caller may see it: hidden things are null, exactly like things that
/// do not exist, and ids the server never gave out are refused by name.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class NodeTests : IAsyncLifetime
{
    private const string Fields = """
        __typename
        id
        ... on Project { path }
        ... on Run { path }
        ... on Artifact { name }
        ... on ArtifactVersion { qualifiedName }
        ... on Collection { path }
        ... on Registry { path }
        ... on Namespace { name }
        ... on Principal { name }
        """;

    private readonly LineageApp _app = new() { Organizations = ["acme", "other"] };
    private GraphQLClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = _app.GraphQL();
        await _admin.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "train" }) { id } }""");
        await _admin.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/train", name: "model", type: "model", digest: "m0" }) { id } }""");
        await _admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models", visibility: RESTRICTED }) { path } }""");
        await _admin.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "classifier", type: "model" }) { path } }""");
        await _admin.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/model:v0", collection: "acme/models/classifier" }) { name } }""");
        await _admin.DataAsync("""mutation { createRun(input: { project: "other/secret", name: "hidden" }) { id } }""");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task every_id_a_type_shows_finds_that_thing_again()
    {
        var ids = await _admin.DataAsync("""
            {
              project(path: "acme/zoo") { id path }
              run(path: "acme/zoo/train") { id path }
              artifact(name: "acme/zoo/model:v0") { id qualifiedName artifact { id name } }
              linked: artifact(name: "acme/models/classifier:v0") { id qualifiedName }
              collection(path: "acme/models/classifier") { id path }
              registry(path: "acme/models") { id path }
              namespace(name: "acme") { id name }
              viewer { id name }
            }
            """);
        var expected = new (string Path, string Type, string Field)[]
        {
            ("project", "Project", "path"),
            ("run", "Run", "path"),
            ("artifact", "ArtifactVersion", "qualifiedName"),
            ("artifact.artifact", "Artifact", "name"),
            ("linked", "ArtifactVersion", "qualifiedName"),
            ("collection", "Collection", "path"),
            ("registry", "Registry", "path"),
            ("namespace", "Namespace", "name"),
            ("viewer", "Principal", "name"),
        };

        foreach (var (path, type, field) in expected)
        {
            var id = ids.Str($"{path}.id");
            var found = await _admin.DataAsync($"query ($id: ID!) {{ node(id: $id) {{ {Fields} }} }}", new { id });
            Assert.Equal(type, found.Str("node.__typename"));
            Assert.Equal(id, found.Str("node.id"));
            Assert.Equal(ids.Str($"{path}.{field}"), found.Str($"node.{field}"));
        }

        // nodes: many at once, in the order asked, a repeated id answered twice.
        var all = expected.Select(e => ids.Str($"{e.Path}.id")).Reverse().Append(ids.Str("run.id")).ToArray();
        var many = await _admin.DataAsync($"query ($ids: [ID!]!) {{ nodes(ids: $ids) {{ {Fields} }} }}", new { ids = all });
        Assert.Equal(all, many.At("nodes").EnumerateArray().Select(n => n.Str("id")));
    }

    [Fact]
    public async Task what_the_caller_may_not_see_is_null_as_if_it_did_not_exist()
    {
        var ids = await _admin.DataAsync("""
            {
              hidden: run(path: "other/secret/hidden") { id }
              run(path: "acme/zoo/train") { id }
              linked: artifact(name: "acme/models/classifier:v0") { id }
              collection(path: "acme/models/classifier") { id }
              viewer { id }
            }
            """);
        var nia = await _app.UserAsync("nia");
        await _admin.DataAsync("""mutation { grantRole(input: { resource: "acme/models", member: "nia", role: RESTRICTED_VIEWER }) { role } }""");

        var seen = await nia.DataAsync(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
            new { ids = new[] { ids.Str("hidden.id"), ids.Str("run.id"), ids.Str("linked.id"), ids.Str("collection.id"), ids.Str("viewer.id") } });

        // No role in 'other' or 'acme'; a restricted viewer of the registry sees its collection
        // and linked versions, as collection(path:) shows them; another user's principal is not
        // hers to see.
        var nodes = seen.At("nodes").EnumerateArray().ToList();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nodes[0].ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nodes[1].ValueKind);
        Assert.Equal("ArtifactVersion", nodes[2].Str("__typename"));
        Assert.Equal("Collection", nodes[3].Str("__typename"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nodes[4].ValueKind);

        var self = await nia.DataAsync("{ viewer { id } }");
        var found = await nia.DataAsync("query ($id: ID!) { node(id: $id) { ... on Principal { name } } }", new { id = self.Str("viewer.id") });
        Assert.Equal("nia", found.Str("node.name"));

        // A site administrator sees every principal.
        var both = await _admin.DataAsync(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Principal { name } } }", new { ids = new[] { self.Str("viewer.id"), ids.Str("viewer.id") } });
        Assert.Equal(["nia", "admin"], both.At("nodes").EnumerateArray().Select(n => n.Str("name")));
    }

    [Fact]
    public async Task an_id_the_server_never_gave_out_is_refused_by_name()
    {
        var run = (await _admin.DataAsync("""{ run(path: "acme/zoo/train") { id } }""")).Str("run.id");
        var suffix = run.Split(':')[1];
        var altered = string.Concat(suffix.AsSpan(0, 5), suffix[5] == 'A' ? "B" : "A", suffix.AsSpan(6));
        foreach (var forged in new[] { "run:1", "nothing", $"version:{suffix}", $"event:{suffix}", $"run:{altered}", "" })
        {
            var error = await _admin.ErrorAsync("INVALID_ARGUMENT", "query ($id: ID!) { node(id: $id) { id } }", new { id = forged });
            Assert.Contains("is not an id this server gave out", error.Str("message"), StringComparison.Ordinal);
        }

        var tooMany = Enumerable.Repeat(run, 1001).ToArray();
        await _admin.ErrorAsync("LIMIT_EXCEEDED", "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = tooMany });
    }

    [Fact]
    public async Task what_is_selected_through_each_node_is_paid_once_per_id()
    {
        var run = (await _admin.DataAsync("""{ run(path: "acme/zoo/train") { id } }""")).Str("run.id");
        const string Query = "query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Run { loggedArtifacts(first: 1000) { nodes { name } } } } }";

        await _admin.DataAsync(Query, new { ids = new[] { run } });
        var error = await _admin.ErrorAsync("LIMIT_EXCEEDED", Query, new { ids = Enumerable.Repeat(run, 1000).ToArray() });
        Assert.Equal("maxComplexity", error.At("extensions.limit").GetString());
    }
}
