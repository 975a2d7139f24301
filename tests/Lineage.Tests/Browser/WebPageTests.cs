using System.Text.Json;
using Lineage.Tests.Support;
using Microsoft.Playwright;

namespace Lineage.Tests.Browser;

/// <summary>
/// The web page in Debian's Chromium, driven by Playwright against the real server with the
/// zoo example: sign-in, the lineage explorer, clusters, details, registries with Action
/// History, and GraphiQL. Each test saves a screenshot under TestResults/screenshots.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class WebPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task signing_in_asks_for_a_key_and_keeps_it_in_the_tab_session_only()
    {
        var page = await Fixture.PageAsync(signedIn: false);
        await page.GotoAsync("/");

        await page.GetByLabel("API key").FillAsync("lin_aaaaaaaaaaaa_" + new string('b', 40));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That key was refused");

        await page.GetByLabel("API key").FillAsync(Fixture.App.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("admin");

        Assert.Equal(Fixture.App.AdminKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('lineage.apiKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        await BrowserFixture.ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task the_lineage_of_split_zoo_dataset_v4_draws_its_nodes_and_edges_in_data_flow_order()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4") + "&dir=BOTH&depth=3");
        var drawn = await DrawnAsync(page);

        Assert.Equal(
            ["acme/zoo/giddy-rain-1", "acme/zoo/northern-lake-21", "acme/zoo/raw_zoo_dataset:v0", "acme/zoo/rural-feather-20",
             "acme/zoo/split-4", "acme/zoo/split_zoo_dataset:v4", "acme/zoo/zoo-ylbchv20:v0", "acme/zoo/zoo-ylbchv20:v1"],
            drawn.Nodes.Select(n => n.Path).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(
            ["acme/zoo/giddy-rain-1 -> acme/zoo/raw_zoo_dataset:v0", "acme/zoo/raw_zoo_dataset:v0 -> acme/zoo/split-4",
             "acme/zoo/rural-feather-20 -> acme/zoo/zoo-ylbchv20:v0", "acme/zoo/rural-feather-20 -> acme/zoo/zoo-ylbchv20:v1",
             "acme/zoo/split-4 -> acme/zoo/split_zoo_dataset:v4", "acme/zoo/split_zoo_dataset:v4 -> acme/zoo/rural-feather-20",
             "acme/zoo/zoo-ylbchv20:v0 -> acme/zoo/northern-lake-21"],
            drawn.Edges.Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("start", drawn.Nodes.Single(n => n.Path == "acme/zoo/split_zoo_dataset:v4").Classes);
        Assert.Contains("run", drawn.Nodes.Single(n => n.Path == "acme/zoo/split-4").Classes);
        Assert.Contains("artifact", drawn.Nodes.Single(n => n.Path == "acme/zoo/raw_zoo_dataset:v0").Classes);
        await Assertions.Expect(page.Locator("#lineage-status")).ToContainTextAsync("8 nodes, 7 edges");
        await BrowserFixture.ScreenshotAsync(page, "lineage");
    }

    [Fact]
    public async Task the_controls_filter_by_job_type_and_direction_and_the_address_keeps_the_view()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4") + "&dir=BOTH&depth=3");
        await DrawnAsync(page);

        await page.GetByLabel("Job types").FillAsync("train");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await HashAsync(page, "jobs=train");
        var filtered = await DrawnAsync(page);
        Assert.Equal(
            ["acme/zoo/rural-feather-20", "acme/zoo/split_zoo_dataset:v4", "acme/zoo/zoo-ylbchv20:v0", "acme/zoo/zoo-ylbchv20:v1"],
            filtered.Nodes.Select(n => n.Path).Order(StringComparer.Ordinal).ToArray());

        await page.GetByLabel("Direction").SelectOptionAsync("UPSTREAM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await HashAsync(page, "dir=UPSTREAM");
        var upstream = await DrawnAsync(page);
        Assert.Equal(["acme/zoo/split_zoo_dataset:v4"], upstream.Nodes.Select(n => n.Path).ToArray());

        // The address alone brings the same view back in a new tab.
        var shared = await Fixture.PageAsync();
        await shared.GotoAsync(page.Url);
        var again = await DrawnAsync(shared);
        Assert.Equal(upstream.Nodes.Select(n => n.Path), again.Nodes.Select(n => n.Path));
        await Assertions.Expect(shared.GetByLabel("Job types")).ToHaveValueAsync("train");
        await Assertions.Expect(shared.GetByLabel("Direction")).ToHaveValueAsync("UPSTREAM");
    }

    [Fact]
    public async Task selecting_a_node_shows_its_details_and_a_double_click_centres_on_it()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4") + "&dir=BOTH&depth=2");
        await DrawnAsync(page);

        await ClickNodeAsync(page, "acme/zoo/rural-feather-20");
        var details = page.Locator("#details");
        await Assertions.Expect(details.Locator("h2")).ToContainTextAsync("rural-feather-20");
        await Assertions.Expect(details).ToContainTextAsync("train");
        await Assertions.Expect(details).ToContainTextAsync("RUNNING");
        await Assertions.Expect(details).ToContainTextAsync("admin");
        await Assertions.Expect(details).ToContainTextAsync("\"lr\"");

        // A description is shown as written, markup and all, never read as markup.
        await Assertions.Expect(details.Locator(".description")).ToContainTextAsync("Trains the <b>zoo</b> classifier");
        Assert.Equal(0, await details.Locator(".description b").CountAsync());

        await ClickNodeAsync(page, "acme/zoo/zoo-ylbchv20:v0");
        await Assertions.Expect(details.Locator("h2")).ToContainTextAsync("zoo-ylbchv20:v0");
        await Assertions.Expect(details).ToContainTextAsync("sha256:model0");
        await Assertions.Expect(details.Locator(".description")).ToHaveTextAsync("Zoo classifier, 94% on held-out");
        await Assertions.Expect(details).ToContainTextAsync("candidate");
        await Assertions.Expect(details).ToContainTextAsync("acme/zoo/rural-feather-20");
        await Assertions.Expect(details).ToContainTextAsync("acme/models/zoo-classifier:v0");
        await BrowserFixture.ScreenshotAsync(page, "details");

        await DoubleClickNodeAsync(page, "acme/zoo/zoo-ylbchv20:v0");
        await HashAsync(page, "start=acme%2Fzoo%2Fzoo-ylbchv20%3Av0");
        var recentred = await DrawnAsync(page);
        Assert.Contains("start", recentred.Nodes.Single(n => n.Path == "acme/zoo/zoo-ylbchv20:v0").Classes);
    }

    [Fact]
    public async Task five_similar_runs_collapse_into_a_searchable_cluster_that_expands_on_click()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/raw_zoo_dataset:v0") + "&dir=DOWNSTREAM&depth=1");
        var drawn = await DrawnAsync(page);

        var cluster = Assert.Single(drawn.Nodes, n => n.Classes.Contains("cluster"));
        Assert.Equal("5 × preprocess", cluster.Label);
        Assert.Equal(2, drawn.Nodes.Count);
        Assert.Single(drawn.Edges);

        await page.GetByLabel("Find in this view").FillAsync("split-3");
        Assert.True(await page.EvaluateAsync<bool>("() => window.lineageCy.nodes('.cluster').hasClass('found')"));
        await BrowserFixture.ScreenshotAsync(page, "cluster");

        await ClickNodeAsync(page, cluster.Id);
        await HashAsync(page, "expand=");
        var exploded = await DrawnAsync(page);
        Assert.Equal(
            ["acme/zoo/raw_zoo_dataset:v0", "acme/zoo/split-0", "acme/zoo/split-1", "acme/zoo/split-2", "acme/zoo/split-3", "acme/zoo/split-4"],
            exploded.Nodes.Select(n => n.Path).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(5, exploded.Edges.Count);
    }

    [Fact]
    public async Task search_finds_an_artifact_by_part_of_its_name_and_opens_its_lineage()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/");

        await page.GetByLabel("Search runs, artifacts and collections").FillAsync("split_zoo");
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "acme/zoo/split_zoo_dataset" }).ClickAsync();

        await HashAsync(page, "start=acme%2Fzoo%2Fsplit_zoo_dataset%3Alatest");
        var drawn = await DrawnAsync(page);
        Assert.Contains(drawn.Nodes, n => n.Path == "acme/zoo/split_zoo_dataset:v4" && n.Classes.Contains("start"));
    }

    [Fact]
    public async Task a_collections_action_history_shows_the_seeded_events_filters_them_and_verifies()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/registries");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("acme/models");
        await BrowserFixture.ScreenshotAsync(page, "registries");
        await page.GetByRole(AriaRole.Link, new() { Name = "acme/models" }).ClickAsync();
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Zoo animal classifiers");
        await BrowserFixture.ScreenshotAsync(page, "registry");
        await page.GetByRole(AriaRole.Link, new() { Name = "zoo-classifier" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.versions")).ToContainTextAsync("production");
        await Assertions.Expect(page.Locator("table.versions")).ToContainTextAsync("acme/zoo/zoo-ylbchv20:v1");
        await BrowserFixture.ScreenshotAsync(page, "collection");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Action History" }).ClickAsync();
        var rows = page.Locator("table.history tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        Assert.Equal(
            ["ALIAS_ADDED", "VERSION_LINKED", "ALIAS_REMOVED", "ALIAS_ADDED", "ALIAS_ADDED", "VERSION_LINKED"],
            await rows.Locator("td:nth-child(3)").AllInnerTextsAsync());
        Assert.All(await rows.Locator("td:nth-child(2)").AllInnerTextsAsync(), who => Assert.Equal("admin", who));
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("6 events, newest first");
        await BrowserFixture.ScreenshotAsync(page, "history");

        await page.GetByLabel("Action").SelectOptionAsync("ALIAS_REMOVED");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("staging");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the history" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Unedited: 6 events checked.");
    }

    [Fact]
    public async Task a_registrys_action_history_shows_who_changed_its_settings_and_roles_and_verifies()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/registry?path=" + Uri.EscapeDataString("acme/models"));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Action History" }).ClickAsync();

        var rows = page.Locator("table.history tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        Assert.Equal(["ROLE_GRANTED", "ALIAS_PROTECTED", "REGISTRY_CREATED"], await rows.Locator("td:nth-child(3)").AllInnerTextsAsync());
        Assert.Equal(["ada: MEMBER", "alias production", "visibility organization"], await rows.Locator("td:nth-child(5)").AllInnerTextsAsync());
        await BrowserFixture.ScreenshotAsync(page, "registry-history");

        await page.GetByLabel("Action").SelectOptionAsync("ROLE_GRANTED");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the history" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Unedited: 3 events checked.");
    }

    [Fact]
    public async Task a_long_history_loads_more_on_request()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/collection?path=" + Uri.EscapeDataString("acme/models/churn") + "&tab=history");
        var rows = page.Locator("table.history tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("33 events, newest first");

        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(33);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToBeHiddenAsync();
        Assert.Equal("VERSION_LINKED", await rows.Last.Locator("td:nth-child(3)").InnerTextAsync());
        Assert.Equal(33, (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.event)")).Distinct().Count());
    }

    [Fact]
    public async Task graphiql_is_served_to_a_browser_at_graphql_and_runs_a_query_with_the_key()
    {
        var page = await Fixture.PageAsync();

        // GraphiQL asks for the schema once it has mounted; its answer, not a quiet network, says
        // the page is ready to run a query, however long a cold browser on a busy machine takes.
        var schema = page.WaitForResponseAsync(
            r => r.Request.Method == "POST" && r.Url.EndsWith("/graphql", StringComparison.Ordinal) && (r.Request.PostData ?? "").Contains("__schema", StringComparison.Ordinal),
            new() { Timeout = 120_000 });
        await page.GotoAsync("/graphql");
        await Assertions.Expect(page.Locator("#api-key")).ToHaveValueAsync(Fixture.App.AdminKey);
        await Assertions.Expect(page.Locator(".graphiql-doc-explorer-toggle, [aria-label='Show Documentation Explorer']").First).ToBeVisibleAsync();
        Assert.True((await schema).Ok);
        await Assertions.Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("viewer", new() { Timeout = 60_000 });

        await page.Locator(".graphiql-execute-button").ClickAsync();

        await Assertions.Expect(page.Locator(".graphiql-response")).ToContainTextAsync("\"admin\"", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".graphiql-response")).ToContainTextAsync("acme/zoo/split_zoo_dataset");
        await BrowserFixture.ScreenshotAsync(page, "playground");
    }

    /// <summary>Waits until the page's address (its hash) holds the text.</summary>
    private static Task HashAsync(IPage page, string text) =>
        page.WaitForFunctionAsync("text => location.hash.includes(text)", text);

    private sealed record DrawnNode(string Id, string Label, string Path, string[] Classes);

    private sealed record Drawn(List<DrawnNode> Nodes, List<string> Edges);

    /// <summary>What the page drew for its current address, read from the graph renderer once it says it is ready.</summary>
    private static async Task<Drawn> DrawnAsync(IPage page)
    {
        await GraphReadyAsync(page);
        var graph = await page.EvaluateAsync<JsonElement>("""
            () => ({
              nodes: window.lineageCy.nodes().map(n => ({ id: n.id(), label: n.data('label'), path: n.data('path') ?? n.id(), classes: n.classes() })),
              edges: window.lineageCy.edges().map(e => (e.source().data('path') ?? e.source().id()) + ' -> ' + (e.target().data('path') ?? e.target().id())),
            })
            """);
        var nodes = graph.GetProperty("nodes").EnumerateArray().Select(n => new DrawnNode(
            n.GetProperty("id").GetString()!,
            n.GetProperty("label").GetString()!,
            n.GetProperty("path").GetString()!,
            [.. n.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!)])).ToList();
        return new Drawn(nodes, [.. graph.GetProperty("edges").EnumerateArray().Select(e => e.GetString()!)]);
    }

    /// <summary>Where a node (by path or id) is on the screen.</summary>
    private static async Task<(float X, float Y)> NodePositionAsync(IPage page, string pathOrId)
    {
        var point = await page.EvaluateAsync<JsonElement>("""
            (key) => {
              const node = window.lineageCy.nodes().filter(n => n.data('path') === key || n.id() === key)[0];
              const at = node.renderedPosition();
              const box = window.lineageCy.container().getBoundingClientRect();
              return { x: box.left + at.x, y: box.top + at.y };
            }
            """, pathOrId);
        return ((float)point.GetProperty("x").GetDouble(), (float)point.GetProperty("y").GetDouble());
    }

    private static async Task ClickNodeAsync(IPage page, string pathOrId)
    {
        var (x, y) = await NodePositionAsync(page, pathOrId);
        await page.Mouse.ClickAsync(x, y);
    }

    private static async Task DoubleClickNodeAsync(IPage page, string pathOrId)
    {
        var (x, y) = await NodePositionAsync(page, pathOrId);
        await page.Mouse.DblClickAsync(x, y);
    }
}
