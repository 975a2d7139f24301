using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using Lineage.Application;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Server.GraphQL;
using Lineage.Server.GraphQL.Streaming;
using Lineage.Store;
using Lineage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lineage.Tests.Api;

/// <summary>
/// The nodes and edges of a lineage answer, written item by item when only scalars are asked
/// of them, read as a client reads any answer: the same text graphql-dotnet writes for the same
/// selection, whatever aliases, fragments and directives shape it, within the response budget.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class StreamedLineageTests : IClassFixture<StreamedLineageTests.Hub>
{
    // More users of the hub than one chunk of written items, some runs without a job type.
    private const int Users = 600;

    private readonly Hub _hub;

    public StreamedLineageTests(Hub hub)
    {
        _hub = hub;
    }

    [Fact]
    public async Task streamed_nodes_are_written_as_the_executor_writes_them()
    {
        // Asking a node's run makes the executor write the list itself; everything else asked
        // is written the same way, field by field, in order, down to the text of each value.
        const string fields = "__typename id kind name path type hops";
        var streamed = await _hub.Client.DataAsync(Walk($"nodes {{ {fields} }}"));
        var executed = await _hub.Client.DataAsync(Walk($"nodes {{ {fields} run {{ id }} }}"));

        var (ours, theirs) = (streamed.At("lineage.nodes").EnumerateArray().ToList(), executed.At("lineage.nodes").EnumerateArray().ToList());
        Assert.Equal((Users * 2) + 1, ours.Count);
        Assert.Equal(theirs.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            Assert.Equal(Without(theirs[i], "run"), ours[i].GetRawText());
            if (theirs[i].GetProperty("run").ValueKind == JsonValueKind.Object)
            {
                Assert.Equal(theirs[i].GetProperty("run").GetProperty("id").GetString(), ours[i].GetProperty("id").GetString());
            }
        }

        Assert.Contains(ours, n => n.GetProperty("type").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task a_list_asked_only_scalars_executes_as_one_node_and_one_asking_more_as_a_node_per_item()
    {
        var services = _hub.App.Services;
        await using var scope = services.CreateAsyncScope();
        var executer = services.GetRequiredService<IDocumentExecuter<LineageSchema>>();
        var context = new LineageContext(
            new Actor("admin", Access.Administrator),
            services.GetRequiredService<ILineageStore>(),
            services.GetRequiredService<Identities>(),
            services.GetRequiredService<Registries>(),
            services.GetRequiredService<IOptions<ApiLimits>>().Value,
            services.GetRequiredService<OpaqueIds>());

        async Task<ExecutionNode[]> ListsAsync(string selection)
        {
            var result = await executer.ExecuteAsync(options =>
            {
                options.Query = Walk(selection);
                options.UserContext = context;
                options.RequestServices = scope.ServiceProvider;
            });
            Assert.Empty(result.Errors ?? []);
            var lineage = Assert.IsType<ObjectExecutionNode>(Assert.IsType<RootExecutionNode>(result.Data).SubFields!.Single());
            return lineage.SubFields![1..];
        }

        Assert.All(await ListsAsync("nodes { id name } edges { from to kind }"), list => Assert.IsType<LineageListNode>(list));
        var mixed = await ListsAsync("nodes { id run { id } } edges { kind }");
        Assert.IsType<ArrayExecutionNode>(mixed[0]);
        Assert.IsType<LineageListNode>(mixed[1]);
    }

    [Fact]
    public async Task streamed_edges_join_the_ids_of_the_nodes_they_join()
    {
        var data = await _hub.Client.DataAsync(Walk("nodes { id name } edges { __typename from to kind }"));
        var users = await _hub.Client.DataAsync($$"""{ artifact(name: "acme/hub/data:v0") { id usedBy(first: {{Users}}) { nodes { id name } } } }""");
        var hub = users.Str("artifact.id");
        var used = users.At("artifact.usedBy.nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToHashSet();

        var ids = data.At("lineage.nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToHashSet();
        var edges = data.At("lineage.edges").EnumerateArray().ToList();
        Assert.Equal(Users * 2, edges.Count);
        Assert.All(edges, e => Assert.Equal("LineageEdge", e.GetProperty("__typename").GetString()));
        Assert.All(edges, e => Assert.Contains(e.GetProperty("from").GetString(), ids));
        Assert.All(edges, e => Assert.Contains(e.GetProperty("to").GetString(), ids));
        var usedEdges = edges.Where(e => e.GetProperty("kind").GetString() == "USED").ToList();
        Assert.All(usedEdges, e => Assert.Equal(hub, e.GetProperty("from").GetString()));
        Assert.Equal(used, usedEdges.Select(e => e.GetProperty("to").GetString()).ToHashSet());
        Assert.Equal(Users, edges.Count(e => e.GetProperty("kind").GetString() == "LOGGED" && used.Contains(e.GetProperty("from").GetString())));
    }

    [Fact]
    public async Task aliases_fragments_and_directives_shape_a_streamed_list_as_any_other()
    {
        const string selection = """
            N: name ...Where @include(if: $yes) id @skip(if: $yes) ... on LineageNode { hops: hops h2: hops } kind @include(if: $no)
            """;
        const string fragment = "fragment Where on LineageNode { path Type: type }";
        var variables = new { yes = true, no = false };
        var streamed = await _hub.Client.DataAsync($"query ($yes: Boolean!, $no: Boolean!) {{ {Walk($"nodes {{ {selection} }}")[1..^1]} }} {fragment}", variables);
        var executed = await _hub.Client.DataAsync($"query ($yes: Boolean!, $no: Boolean!) {{ {Walk($"nodes {{ {selection} artifact {{ id }} }}")[1..^1]} }} {fragment}", variables);

        var first = streamed.At("lineage.nodes")[0];
        Assert.Equal(["N", "path", "Type", "hops", "h2"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            executed.At("lineage.nodes").EnumerateArray().Select(n => Without(n, "artifact")),
            streamed.At("lineage.nodes").EnumerateArray().Select(n => n.GetRawText()));
    }

    [Fact]
    public async Task a_streamed_answer_larger_than_the_response_budget_is_an_error_naming_it()
    {
        await using var small = new LineageApp { Limits = limits => limits.MaxResponseBytes = 64 * 1024 };
        var client = small.GraphQL();
        await Hub.SeedAsync(client, 300);

        var response = await client.SendAsync(Walk("nodes { id name path } edges { from to kind }"));
        var error = Assert.Single(response.Errors);
        Assert.Equal("LIMIT_EXCEEDED", error.At("extensions.code").GetString());
        Assert.Equal("maxResponseBytes", error.At("extensions.limit").GetString());
        Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
    }

    private static string Walk(string selection) =>
        $$"""{ lineage(start: "acme/hub/data:v0", direction: DOWNSTREAM, depth: 5, maxNodes: 5000) { truncated {{selection}} } }""";

    /// <summary>An object's text without one of its properties, as the server writes objects (no spaces).</summary>
    private static string Without(JsonElement item, string property)
    {
        var text = new StringBuilder("{");
        foreach (var p in item.EnumerateObject().Where(p => p.Name != property))
        {
            text.Append(text.Length > 1 ? "," : "").Append(JsonSerializer.Serialize(p.Name)).Append(':').Append(p.Value.GetRawText());
        }

        return text.Append('}').ToString();
    }

    /// <summary>A dataset used by many runs, each of which logs a model.</summary>
    public sealed class Hub : IAsyncLifetime
    {
        public LineageApp App { get; } = new();

        public GraphQLClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = App.GraphQL();
            await SeedAsync(Client, Users);
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();

        public static async Task SeedAsync(GraphQLClient client, int users)
        {
            await client.DataAsync("""
                mutation {
                  createRun(input: { project: "acme/hub", name: "prepare", jobType: "prepare" }) { path }
                  logArtifact(input: { run: "acme/hub/prepare", name: "data", type: "dataset", digest: "sha256:data" }) { name }
                }
                """);
            for (var first = 0; first < users; first += 50)
            {
                var fields = Enumerable.Range(first, Math.Min(50, users - first)).Select(i => $$"""
                    c{{i}}: createRun(input: { project: "acme/hub", name: "user-{{i}}"{{(i % 7 == 0 ? "" : ", jobType: \"train\"")}} }) { path }
                    u{{i}}: useArtifact(input: { run: "acme/hub/user-{{i}}", artifact: "acme/hub/data:v0" }) { name }
                    l{{i}}: logArtifact(input: { run: "acme/hub/user-{{i}}", name: "model-{{i}}", type: "model", digest: "sha256:model-{{i}}" }) { name }
                    """);
                await client.DataAsync($"mutation {{ {string.Join('\n', fields)} }}");
            }
        }
    }
}
