using System.Text.Json;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Neo4j;
using Lineage.Store;
using Lineage.Tests.Support;

namespace Lineage.Tests.Neo4j;

/// <summary>
/// What the Neo4j store sends for a dashboard's lists, counts, tiles and walks into the past,
/// and how it reads the answers, against the fake: the parameters each statement gets (the
/// client refuses any its file does not declare), and the rows mapped back. Whether the
/// statements themselves answer rightly is the store contract's to say on a live server.
/// </summary>
public sealed class ListStatementTests
{
    private static readonly Dictionary<string, string> NameOf = CypherCatalog.All.ToDictionary(s => s.Value.Text, s => s.Key, StringComparer.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_filtered_ordered_page_sends_its_criteria_order_and_cursor_and_reads_the_ids_back()
    {
        await using var fake = new FakeNeo4j(r => NameOf.GetValueOrDefault(r.Statement ?? "") switch
        {
            "lists/project-runs" => Neo4jAnswer.Rows(["found", "ids"], [true, new long[] { 9, 7, 4 }]),
            "lists/project-runs-count" => Neo4jAnswer.Rows(["count"], [12]),
            _ => Neo4jAnswer.Error(400, "Neo.ClientError.Statement.SyntaxError", "unexpected statement"),
        });
        using var client = new Neo4jClient(new Neo4jStoreOptions { Url = fake.Url, User = "neo4j", Password = "pw" });
        var store = new Neo4jLineageStore(client, TimeProvider.System);
        var filter = new ListFilter { Types = ["train"], States = [RunState.Failed], CreatedAfter = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        var query = ListRules.Check(ListKind.ProjectRuns, 2, filter, new ListOrder(ListOrderField.Name, true), new PageRequest(2, 5));

        var page = await store.ListPageAsync(query, Ct);
        var count = await store.CountListAsync(query, Ct);

        Assert.Equal([9L, 7L], page.Items.Select(i => i.Value));
        Assert.Equal([9L, 7L], page.Items.Select(i => i.Key));
        Assert.True(page.HasNextPage);
        Assert.Equal(12, count);
        var sent = fake.Requests.First(r => NameOf.GetValueOrDefault(r.Statement ?? "") == "lists/project-runs").Parameters;
        Assert.Equal(2, sent.GetProperty("parent").GetInt64());
        Assert.Equal("NAME", sent.GetProperty("field").GetString());
        Assert.True(sent.GetProperty("descending").GetBoolean());
        Assert.Equal(5, sent.GetProperty("after").GetInt64());
        Assert.Equal(3, sent.GetProperty("limit").GetInt64());
        Assert.Equal("""["FAILED"]""", sent.GetProperty("states").GetRawText());
        Assert.Equal("2026-01-02T03:04:05.0000000Z", sent.GetProperty("createdAfter").GetString());
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("createdBy").ValueKind);
    }

    [Fact]
    public async Task a_cursor_the_list_does_not_hold_is_refused_and_tiles_keep_the_runs_without_a_job_type()
    {
        await using var fake = new FakeNeo4j(r => NameOf.GetValueOrDefault(r.Statement ?? "") switch
        {
            "lists/artifact-versions" => Neo4jAnswer.Rows(["found", "ids"], [false, Array.Empty<long>()]),
            "tallies/job-types" => Neo4jAnswer.Rows(["value", "count"], ["train", 3], [null, 1]),
            _ => Neo4jAnswer.Error(400, "Neo.ClientError.Statement.SyntaxError", "unexpected statement"),
        });
        using var client = new Neo4jClient(new Neo4jStoreOptions { Url = fake.Url, User = "neo4j", Password = "pw" });
        var store = new Neo4jLineageStore(client, TimeProvider.System);
        var query = ListRules.Check(ListKind.ArtifactVersions, 8, new ListFilter { Aliases = ["latest"] }, ListOrder.Default, new PageRequest(10, 99));

        var refused = await Assert.ThrowsAsync<InvalidArgumentException>(() => store.ListPageAsync(query, Ct));
        var tallies = await store.TallyAsync(TallyKind.JobTypes, 2, 50, Ct);

        Assert.Equal("after", refused.Argument);
        Assert.Equal([new Tally("train", 3), new Tally(null, 1)], tallies);
        var sent = fake.Requests.First().Parameters;
        Assert.Equal("""["latest"]""", sent.GetProperty("aliases").GetRawText());
        Assert.False(sent.TryGetProperty("types", out _));
    }

    [Fact]
    public async Task a_walk_into_the_past_sends_its_time_with_every_level()
    {
        await using var fake = new FakeNeo4j(r => NameOf.GetValueOrDefault(r.Statement ?? "") switch
        {
            "lineage/describe" => Neo4jAnswer.Rows(["kind", "id", "name", "project", "type", "namespaceId"], ["ARTIFACT", 4, "data:v0", "acme/zoo", "dataset", 1]),
            "lineage/downstream" => Neo4jAnswer.Rows(["fromKind", "fromId", "toKind", "toId", "toType", "toNamespace"]),
            _ => Neo4jAnswer.Error(400, "Neo.ClientError.Statement.SyntaxError", "unexpected statement"),
        });
        using var client = new Neo4jClient(new Neo4jStoreOptions { Url = fake.Url, User = "neo4j", Password = "pw" });
        var store = new Neo4jLineageStore(client, TimeProvider.System);
        var asOf = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        var graph = await store.GetLineageAsync(new LineageQuery(NodeRef.Version(4), LineageDirection.Downstream, 3, null, null, 100) { AsOf = asOf }, Access.Administrator, Ct);

        Assert.Equal(["data:v0"], graph.Nodes.Select(n => n.Name));
        var level = fake.Requests.Single(r => NameOf.GetValueOrDefault(r.Statement ?? "") == "lineage/downstream").Parameters;
        Assert.Equal("2026-11-01T00:00:00.0000000Z", level.GetProperty("asOf").GetString());
    }
}
