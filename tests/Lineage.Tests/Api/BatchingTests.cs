using Lineage.Application;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Server.GraphQL.Loading;
using Lineage.Store;
using Lineage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Tests.Api;

/// <summary>
/// Nested walks cost a fixed number of SQL statements per level of the query, whatever the
/// page size: the loaders batch every parent of a level into one store call.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class BatchingTests : IAsyncLifetime
{
    private const string Query = """
        query ($first: Int) {
          artifact(name: "acme/hub/data:v0") {
            usedBy(first: $first) {
              totalCount
              nodes {
                name
                project { path }
                loggedArtifacts(first: 10) { totalCount nodes { name aliases loggedBy { name } loggers(first: 10) { nodes { name } } } }
                usedArtifacts(first: 10) { nodes { name loggedBy { name createdBy } } }
              }
            }
          }
        }
        """;

    private readonly LineageApp _app = new();
    private GraphQLClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _app.GraphQL();
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/hub", name: "source" }) { name } }""");
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/hub/source", name: "data", type: "dataset", digest: "d" }) { name } }""");
        for (var i = 0; i < 120; i++)
        {
            await _client.DataAsync(
                """
                mutation ($run: String!, $path: String!, $digest: String!) {
                  createRun(input: { project: "acme/hub", name: $run, jobType: "train" }) { name }
                  useArtifact(input: { run: $path, artifact: "acme/hub/data:v0" }) { name }
                  logArtifact(input: { run: $path, name: "model", type: "model", digest: $digest }) { name }
                }
                """,
                new { run = $"t{i}", path = $"acme/hub/t{i}", digest = $"m{i}" });
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<long> StatementsForAsync(int first)
    {
        var before = _app.Database.CommandsExecuted;
        var data = await _client.DataAsync(Query, new { first });
        var after = _app.Database.CommandsExecuted;
        Assert.Equal(first, data.At("artifact.usedBy.nodes").GetArrayLength());
        Assert.Equal("source", data.Str("artifact.usedBy.nodes.0.usedArtifacts.nodes.0.loggedBy.name"));
        return after - before;
    }

    [Fact]
    public async Task the_number_of_statements_does_not_grow_with_the_page_size()
    {
        // The first read after writes brings the in-memory graph up to date, once.
        await StatementsForAsync(1);
        var small = await StatementsForAsync(2);
        var large = await StatementsForAsync(100);

        Assert.Equal(small, large);
        Assert.InRange(large, 1, 20);
    }

    [Fact]
    public async Task used_by_with_logged_by_costs_a_fixed_handful_of_statements()
    {
        var before = _app.Database.CommandsExecuted;
        var data = await _client.DataAsync("""
            { artifact(name: "acme/hub/data:v0") { usedBy(first: 100) { nodes { name loggedArtifacts(first: 1) { nodes { loggedBy { name } } } } } } }
            """);
        var statements = _app.Database.CommandsExecuted - before;

        Assert.Equal("t0", data.Str("artifact.usedBy.nodes.0.loggedArtifacts.nodes.0.loggedBy.name"));
        // the API key, the artifact (its id, record and aliases), the in-memory graph's catch-up
        // check, the runs, the versions and their aliases. Both pages of edges come from the
        // in-memory graph, and each logger is a run already loaded.
        Assert.Equal(8, statements);
    }

    [Fact]
    public async Task each_page_hands_over_its_records_when_first_asked_and_the_records_of_all_pages_come_in_one_batch()
    {
        var services = _app.Services;
        var store = services.GetRequiredService<ILineageStore>();
        var runs = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            runs.Add((await store.FindRunAsync(RunPath.Parse($"acme/hub/t{i}"), Access.Administrator, TestContext.Current.CancellationToken))!.Id);
        }

        var loaders = new RequestLoaders(store, services.GetRequiredService<Identities>(), services.GetRequiredService<Registries>(), Access.Administrator);
        var pages = runs.Select(run => loaders.VersionPage(Relation.LoggedArtifacts, run, new PageRequest(1))).ToList();

        // As the execution strategy does: every page of the level is pending before any is read.
        var before = _app.Database.CommandsExecuted;
        var answers = new List<object?>();
        foreach (var page in pages)
        {
            answers.Add(await page.GetResultAsync(TestContext.Current.CancellationToken));
        }

        var statements = _app.Database.CommandsExecuted - before;
        var models = answers.Select(answer => Assert.IsType<Connection<VersionRecord>>(answer).Nodes.Single()).ToList();
        Assert.All(models, model => Assert.Equal("model", model.ArtifactName));
        Assert.Equal(runs, models.Select(model => model.LoggedByRunId));

        // The in-memory graph's catch-up check, then the five versions and their aliases, one
        // statement each; the pages' edges come from the in-memory graph.
        Assert.Equal(3, statements);
    }
}
