using System.Text.Json;
using System.Text.RegularExpressions;
using Lineage.Tests.Support;
using Microsoft.Playwright;

namespace Lineage.Tests.Browser;

/// <summary>
/// Browsing without a search in Debian's Chromium: namespaces, projects, a project's runs and
/// artifacts filtered and ordered, run and version pages with their inputs, outputs, files and
/// version picker, Action History with full times, links and exports, the legend of the
/// lineage explorer, and the playground keeping the sign-in.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed partial class BrowsePageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task browse_leads_from_namespaces_to_a_projects_runs_filtered_and_ordered_and_to_its_artifacts()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Browse", Exact = true }).ClickAsync();
        var namespaces = page.GetByRole(AriaRole.Table, new() { Name = "Namespaces" });
        await Assertions.Expect(namespaces).ToContainTextAsync("acme");
        await BrowserFixture.ScreenshotAsync(page, "browse");

        await namespaces.GetByRole(AriaRole.Link, new() { Name = "acme", Exact = true }).ClickAsync();
        var projects = page.GetByRole(AriaRole.Table, new() { Name = "Projects" });
        Assert.Equal(["vision", "zoo"], await LinksInFirstColumnAsync(projects));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("acme/models");

        await projects.GetByRole(AriaRole.Link, new() { Name = "zoo" }).ClickAsync();
        var runs = page.GetByRole(AriaRole.Table, new() { Name = "Runs" });
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("8 runs");
        Assert.Equal("giddy-rain-1", (await LinksInFirstColumnAsync(runs))[0]);

        await page.GetByLabel("Job type").SelectOptionAsync("preprocess");
        await page.GetByLabel("Order by").SelectOptionAsync("NAME");
        await page.GetByLabel("Direction").SelectOptionAsync("DESC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("5 runs");
        Assert.Equal(["split-4", "split-3", "split-2", "split-1", "split-0"], await LinksInFirstColumnAsync(runs));
        Assert.Contains("job=preprocess", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "project-runs");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Artifacts (4)" }).ClickAsync();
        var artifacts = page.GetByRole(AriaRole.Table, new() { Name = "Artifacts" });
        await Assertions.Expect(artifacts.GetByRole(AriaRole.Row).Filter(new() { HasText = "split_zoo_dataset" })).ToContainTextAsync("5");
        await page.GetByLabel("Type").SelectOptionAsync("model");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("1 artifact");
        await artifacts.GetByRole(AriaRole.Link, new() { Name = "zoo-ylbchv20" }).ClickAsync();
        var versions = page.GetByRole(AriaRole.Table, new() { Name = "Versions" });
        Assert.Equal(["acme/zoo/zoo-ylbchv20:v0", "acme/zoo/zoo-ylbchv20:v1"], await LinksInFirstColumnAsync(versions));
    }

    [Fact]
    public async Task a_run_recorded_from_openlineage_links_to_its_parent_run()
    {
        // Sent as OpenLineage's HTTP transport sends it, into the sender's own namespace.
        var sender = await Fixture.App.UserAsync("olga-ol");
        const string Event = """
            {"eventType":"START","eventTime":"2026-12-04T10:15:00Z",
             "run":{"runId":"5f0c2a9e-1b7d-4c3e-8a6f-0d9e8c7b6a51","facets":{"parent":{
               "_producer":"https://example.com/airflow","_schemaURL":"https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json",
               "run":{"runId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"},"job":{"namespace":"airflow","name":"nightly"}}}},
             "job":{"namespace":"airflow","name":"nightly.extract"},
             "producer":"https://example.com/airflow","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json"}
            """;
        using var content = new StringContent(Event, System.Text.Encoding.UTF8, "application/json");
        using var response = await sender.Http.PostAsync(new Uri("/api/v1/lineage", UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);

        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/run?path=" + Uri.EscapeDataString("olga-ol/airflow/nightly.extract-5f0c2a9e1b7d4c3e8a6f0d9e8c7b6a51"));
        var parent = page.Locator(".facts dt:text-is('Parent run') + dd a");
        await Assertions.Expect(parent).ToHaveTextAsync("olga-ol/airflow/nightly-9a8b7c6d5e4f4a3b8c2d1e0f9a8b7c6d");
        await parent.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("nightly-9a8b7c6d5e4f4a3b8c2d1e0f9a8b7c6d");
        await Assertions.Expect(page.Locator(".facts dt:text-is('Parent run')")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_run_page_lists_what_it_used_and_logged_and_opens_in_lineage()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/run?path=" + Uri.EscapeDataString("acme/zoo/rural-feather-20"));

        Assert.Equal(["acme/zoo/split_zoo_dataset:v4"], await LinksInFirstColumnAsync(page.GetByRole(AriaRole.Table, new() { Name = "Used artifacts" })));
        Assert.Equal(["acme/zoo/zoo-ylbchv20:v0", "acme/zoo/zoo-ylbchv20:v1"], await LinksInFirstColumnAsync(page.GetByRole(AriaRole.Table, new() { Name = "Logged artifacts" })));
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("\"epochs\"");
        await Assertions.Expect(page.Locator("h1 .state")).ToHaveTextAsync("RUNNING");
        await BrowserFixture.ScreenshotAsync(page, "run-page");

        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("still running");

        // A finished run says when it ended and how long it took, on its page and in its project's list.
        var finished = await Fixture.PageAsync();
        await finished.GotoAsync("/#/run?path=" + Uri.EscapeDataString("acme/vision/resnet-train"));
        await Assertions.Expect(finished.Locator("h1 .state")).ToHaveTextAsync("FINISHED");
        var ended = finished.Locator(".facts dt:text-is('Ended') + dd time");
        await Assertions.Expect(ended).ToHaveAttributeAsync("datetime", new Regex("^20\\d\\d-"));
        await Assertions.Expect(finished.Locator(".facts dt:text-is('Duration') + dd")).ToHaveTextAsync(new Regex("^\\d+ (s|min)"));
        await finished.GotoAsync("/#/project?path=" + Uri.EscapeDataString("acme/vision"));
        await Assertions.Expect(finished.GetByRole(AriaRole.Table, new() { Name = "Runs" }).Locator("tbody tr td:nth-child(5)")).ToHaveTextAsync(new Regex("^\\d+ (s|min)"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Open in lineage" }).ClickAsync();
        await GraphReadyAsync(page);
        Assert.Contains("start=acme%2Fzoo%2Frural-feather-20", page.Url, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => window.lineageCy.nodes('.start').data('path') === 'acme/zoo/rural-feather-20'"));
    }

    [Fact]
    public async Task a_version_page_picks_among_its_siblings_and_shows_files_a_page_at_a_time_its_users_and_links()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/version?name=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4"));
        var picker = page.GetByLabel("Version");
        await Assertions.Expect(picker).ToHaveValueAsync("v4");
        Assert.Equal(["v4 (latest)", "v3", "v2", "v1", "v0"], await picker.Locator("option").AllInnerTextsAsync());
        await page.GetByRole(AriaRole.Tab, new() { Name = "Used by" }).ClickAsync();
        Assert.Equal(["acme/zoo/rural-feather-20"], await LinksInFirstColumnAsync(page.GetByRole(AriaRole.Table, new() { Name = "Used by" })));

        await picker.SelectOptionAsync("v0");
        await page.WaitForFunctionAsync("() => location.hash.includes('split_zoo_dataset%3Av0')");
        Assert.Contains("tab=usedBy", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("No run has used it.");

        await page.GotoAsync("/#/version?name=" + Uri.EscapeDataString("acme/vision/imagenet-subset:v0") + "&tab=files");
        var files = page.GetByRole(AriaRole.Table, new() { Name = "Files" }).Locator("tbody tr");
        await Assertions.Expect(files).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("60 files, 50 shown");
        await BrowserFixture.ScreenshotAsync(page, "version-files");
        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Assertions.Expect(files).ToHaveCountAsync(60);
        await Assertions.Expect(files.Last).ToContainTextAsync("train/059.jpg");

        // The way back: browse, namespace, project, artifact, version.
        Assert.Equal(["Browse", "acme", "vision", "imagenet-subset"], await page.Locator(".crumbs a").AllInnerTextsAsync());
        await Assertions.Expect(page.Locator(".crumbs")).ToHaveTextAsync("Browse / acme / vision / imagenet-subset / v0");

        await page.GotoAsync("/#/version?name=" + Uri.EscapeDataString("acme/zoo/zoo-ylbchv20:v0"));
        await Assertions.Expect(page.Locator(".facts .tag")).ToHaveTextAsync("reviewed");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("acme/zoo/rural-feather-20");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Linked into" }).ClickAsync();
        Assert.Equal(
            ["acme/models/churn:v0", "acme/models/zoo-classifier:v0"],
            (await LinksInFirstColumnAsync(page.GetByRole(AriaRole.Table, new() { Name = "Linked into" }))).Order(StringComparer.Ordinal).ToArray());

        // A linked version's page names its source, and picks among its collection's versions.
        await page.GotoAsync("/#/version?name=" + Uri.EscapeDataString("acme/models/zoo-classifier:v0"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "acme/zoo/zoo-ylbchv20:v0" })).ToBeVisibleAsync();
        Assert.Equal(["v1 (candidate, latest)", "v0 (production)"], await page.GetByLabel("Version").Locator("option").AllInnerTextsAsync());
    }

    [Fact]
    public async Task action_history_shows_full_times_links_versions_and_sources_and_exports_csv_and_ndjson()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/collection?path=" + Uri.EscapeDataString("acme/models/zoo-classifier") + "&tab=history");
        var rows = page.Locator("table.history tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6);

        // Every time to the second, with how long ago beside it, and the exact time as its title.
        foreach (var time in await rows.Locator("td:nth-child(1) time").AllAsync())
        {
            Assert.Matches(SecondsPattern(), await time.InnerTextAsync());
            Assert.Matches(AgoPattern(), await time.InnerTextAsync());
            Assert.EndsWith("Z", await time.GetAttributeAsync("datetime") ?? "", StringComparison.Ordinal);
        }

        // The newest event concerns v1: its version links to the linked version, its source to the project version.
        var newest = rows.First;
        await Assertions.Expect(newest.Locator("td:nth-child(4) a")).ToHaveAttributeAsync("href", "#/version?name=acme%2Fmodels%2Fzoo-classifier%3Av1");
        await Assertions.Expect(newest.Locator("td:nth-child(6) a")).ToHaveAttributeAsync("href", "#/version?name=acme%2Fzoo%2Fzoo-ylbchv20%3Av1");
        await Assertions.Expect(newest.Locator("td:nth-child(7) code")).ToHaveAttributeAsync("title", HashPattern());

        var ndjson = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export NDJSON" }).ClickAsync());
        Assert.Equal("acme_models_zoo-classifier-history.ndjson", ndjson.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await ndjson.PathAsync(), TestContext.Current.CancellationToken)).Where(l => l.Length > 0).ToArray();
        Assert.Equal(6, lines.Length);
        Assert.Equal(
            ["VERSION_LINKED", "ALIAS_ADDED", "ALIAS_ADDED", "ALIAS_REMOVED", "VERSION_LINKED", "ALIAS_ADDED"],
            lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("action").GetString()!).ToArray());

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var table = (await File.ReadAllTextAsync(await csv.PathAsync(), TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("position,at,actor,action,target,version,source,alias,tag,member,role,visibility,requestId,hash,id", table[0]);
        Assert.Equal(7, table.Length);
        Assert.StartsWith("1,", table[1], StringComparison.Ordinal);
        Assert.True(table[1].Contains(",admin,VERSION_LINKED,acme/models/zoo-classifier,v0,acme/zoo/zoo-ylbchv20:v0,,", StringComparison.Ordinal), table[1]);
    }

    [Fact]
    public async Task the_explorer_draws_each_type_in_its_own_colour_with_a_legend_and_clusters_sibling_versions()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/raw_zoo_dataset:v0") + "&dir=DOWNSTREAM&depth=2");
        await GraphReadyAsync(page);

        // The five split runs cluster, and so do the five versions they logged.
        var clusters = await page.EvaluateAsync<string[]>("() => window.lineageCy.nodes('.cluster').map(n => n.data('label')).sort()");
        Assert.Equal(["5 × dataset", "5 × preprocess"], clusters);
        var legend = page.GetByLabel("Legend");
        await Assertions.Expect(legend).ToContainTextAsync("preprocess 5");
        await Assertions.Expect(legend).ToContainTextAsync("dataset 6");

        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4") + "&dir=BOTH&depth=3");
        await GraphReadyAsync(page);
        var looks = await page.EvaluateAsync<JsonElement>("""
            () => Object.fromEntries(window.lineageCy.nodes().map(n => [n.data('path'), { color: n.style('background-color'), shape: n.style('shape'), valign: n.style('text-valign') }]))
            """);
        string Look(string path, string what) => looks.GetProperty(path).GetProperty(what).GetString()!;
        Assert.NotEqual(Look("acme/zoo/split_zoo_dataset:v4", "color"), Look("acme/zoo/zoo-ylbchv20:v0", "color"));
        Assert.NotEqual(Look("acme/zoo/split_zoo_dataset:v4", "shape"), Look("acme/zoo/zoo-ylbchv20:v0", "shape"));
        Assert.Equal(Look("acme/zoo/zoo-ylbchv20:v0", "color"), Look("acme/zoo/zoo-ylbchv20:v1", "color"));
        Assert.NotEqual(Look("acme/zoo/split-4", "color"), Look("acme/zoo/rural-feather-20", "color"));
        Assert.Equal("center", Look("acme/zoo/rural-feather-20", "valign"));
        await Assertions.Expect(page.GetByLabel("Legend")).ToContainTextAsync("train 1");
        await Assertions.Expect(page.GetByLabel("Legend")).ToContainTextAsync("model 2");

        // The start's version picker draws another version of the same artifact.
        await page.GetByLabel("Version").SelectOptionAsync("v2");
        await page.WaitForFunctionAsync("() => location.hash.includes('split_zoo_dataset%3Av2')");
        await BrowserFixture.ScreenshotAsync(page, "lineage-legend");
    }

    [Fact]
    public async Task the_playground_opens_in_the_same_tab_signed_in_with_a_tab_per_readme_example()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/browse");
        await page.GetByRole(AriaRole.Link, new() { Name = "Playground" }).ClickAsync();
        await page.WaitForURLAsync("**/graphql");
        await Assertions.Expect(page.Locator("#api-key")).ToHaveValueAsync(Fixture.App.AdminKey);
        await Assertions.Expect(page.Locator(".graphiql-tab")).ToHaveCountAsync(7, new() { Timeout = 60_000 });
        var titles = await page.Locator(".graphiql-tab").AllInnerTextsAsync();
        Assert.Contains(titles, t => t.Contains("ThreeHops", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.Contains("CollectionHistory", StringComparison.Ordinal));
        Assert.Single(page.Context.Pages);

        // From the keyboard: the Delete key closes the focused tab, and the focus stays on a tab.
        var threeHops = page.GetByRole(AriaRole.Tab, new() { Name = "ThreeHops" });
        await Assertions.Expect(threeHops).ToHaveAttributeAsync("aria-keyshortcuts", "Delete");
        await threeHops.FocusAsync();
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(page.Locator(".graphiql-tab")).ToHaveCountAsync(6);
        await Assertions.Expect(threeHops).ToHaveCountAsync(0);
        Assert.Equal("tab", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('role')"));
    }

    [Fact]
    public async Task the_explorer_exports_its_view_as_png_svg_mermaid_and_dot()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4") + "&dir=BOTH&depth=3");
        await GraphReadyAsync(page);
        var exports = page.GetByRole(AriaRole.Group, new() { Name = "Export this view" });

        async Task<string> ExportAsync(string format)
        {
            var file = await page.RunAndWaitForDownloadAsync(() => exports.GetByRole(AriaRole.Button, new() { Name = format }).ClickAsync());
            Assert.StartsWith("lineage-acme_zoo_split_zoo_dataset_v4.", file.SuggestedFilename, StringComparison.Ordinal);
            return await File.ReadAllTextAsync(await file.PathAsync(), TestContext.Current.CancellationToken);
        }

        var mermaid = await ExportAsync("Mermaid");
        Assert.StartsWith("flowchart LR\n", mermaid, StringComparison.Ordinal);
        Assert.Equal(7, mermaid.Split('\n').Count(l => l.Contains(" --> ", StringComparison.Ordinal)));
        Assert.Contains("(\"split-4\")", mermaid, StringComparison.Ordinal);
        Assert.Contains("((\"zoo-ylbchv20:v0\"))", mermaid, StringComparison.Ordinal);

        var dot = await ExportAsync("DOT");
        Assert.StartsWith("digraph lineage {", dot, StringComparison.Ordinal);
        Assert.Equal(7, dot.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Contains("label=\"rural-feather-20\", shape=box", dot, StringComparison.Ordinal);

        var svg = System.Xml.Linq.XDocument.Parse(await ExportAsync("SVG"));
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(7, svg.Descendants(ns + "line").Count());
        Assert.Equal(8, svg.Descendants(ns + "text").Count());
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "split_zoo_dataset:v4");

        var png = await page.RunAndWaitForDownloadAsync(() => exports.GetByRole(AriaRole.Button, new() { Name = "PNG" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await png.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Fact]
    public async Task as_of_a_time_the_explorer_draws_only_what_was_recorded_by_then()
    {
        var logged = (await Fixture.App.GraphQL().DataAsync("""{ artifact(name: "acme/zoo/zoo-ylbchv20:v1") { createdAt } }""")).GetProperty("artifact").GetProperty("createdAt").GetDateTimeOffset();
        var before = logged.AddMilliseconds(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var page = await Fixture.PageAsync();
        var start = "/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4") + "&dir=BOTH&depth=3";

        await page.GotoAsync(start);
        Assert.Contains("acme/zoo/zoo-ylbchv20:v1", await DrawnPathsAsync(page));

        await page.GotoAsync(start + "&asof=" + Uri.EscapeDataString(before));
        var then = await DrawnPathsAsync(page);
        Assert.DoesNotContain("acme/zoo/zoo-ylbchv20:v1", then);
        Assert.Contains("acme/zoo/zoo-ylbchv20:v0", then);
        Assert.False(string.IsNullOrEmpty(await page.GetByLabel("As of").InputValueAsync()));

        // A time in the future is refused, and the page says why.
        await page.GotoAsync(start + "&asof=" + Uri.EscapeDataString("2999-01-01T00:00:00Z"));
        await Assertions.Expect(page.Locator("#lineage-status [role=alert]")).ToContainTextAsync("future");
    }

    [Fact]
    public async Task every_node_of_the_view_can_be_selected_from_the_keyboard()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/raw_zoo_dataset:v0") + "&dir=DOWNSTREAM&depth=1");
        await GraphReadyAsync(page);

        await page.GetByText("Nodes in this view").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "run acme/zoo/split-3" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // split-3 is drawn inside the cluster of five: the cluster is selected and listed.
        await Assertions.Expect(page.Locator("#details h2")).ToHaveTextAsync("5 similar runs");
        Assert.True(await page.EvaluateAsync<bool>("() => window.lineageCy.nodes(':selected').hasClass('cluster')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "artifact acme/zoo/raw_zoo_dataset:v0" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#details h2")).ToContainTextAsync("raw_zoo_dataset:v0");
    }

    [Fact]
    public async Task impact_mode_lists_the_registry_versions_downstream_and_marks_the_paths_to_them()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4") + "&dir=DOWNSTREAM&depth=3&mode=impact");
        await GraphReadyAsync(page);
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Registry versions downstream" });
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(4);
        Assert.Equal(
            ["acme/models/churn:v0", "acme/models/churn:v1", "acme/models/zoo-classifier:v0", "acme/models/zoo-classifier:v1"],
            (await table.Locator("tbody tr td:first-child").AllInnerTextsAsync()).Order(StringComparer.Ordinal).ToArray());
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "zoo-classifier:v0" })).ToContainTextAsync("production");

        var marks = await page.EvaluateAsync<JsonElement>("() => Object.fromEntries(window.lineageCy.nodes().map(n => [n.data('path'), n.classes()]))");
        string[] Marks(string path) => [.. marks.GetProperty(path).EnumerateArray().Select(c => c.GetString()!)];
        Assert.Contains("impacted", Marks("acme/zoo/rural-feather-20"));
        Assert.Contains("impacted", Marks("acme/zoo/zoo-ylbchv20:v1"));
        Assert.Contains("faded", Marks("acme/zoo/northern-lake-21"));
        await BrowserFixture.ScreenshotAsync(page, "impact");
    }

    [Fact]
    public async Task compare_mode_marks_what_only_this_versions_upstream_has_and_lists_each_difference()
    {
        var page = await Fixture.PageAsync();
        await page.GotoAsync("/#/lineage?start=" + Uri.EscapeDataString("acme/zoo/split_zoo_dataset:v4") + "&dir=UPSTREAM&depth=3");
        await GraphReadyAsync(page);
        await page.GetByLabel("Mode").SelectOptionAsync("compare");
        await page.GetByLabel("Compare with").FillAsync("acme/zoo/split_zoo_dataset:v3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForFunctionAsync("() => location.hash.includes('mode=compare')");
        await GraphReadyAsync(page);

        var differences = page.GetByRole(AriaRole.Table, new() { Name = "Upstream differences" });
        await Assertions.Expect(differences.GetByRole(AriaRole.Row).Filter(new() { HasText = "only here" })).ToContainTextAsync("acme/zoo/split-4");
        await Assertions.Expect(differences.GetByRole(AriaRole.Row).Filter(new() { HasText = "only in the other" })).ToContainTextAsync("acme/zoo/split-3");
        Assert.True(await page.EvaluateAsync<bool>("() => window.lineageCy.nodes().filter(n => n.data('path') === 'acme/zoo/split-4').hasClass('only-a')"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.lineageCy.nodes().filter(n => n.data('path') === 'acme/zoo/raw_zoo_dataset:v0').hasClass('only-a')"));
        await BrowserFixture.ScreenshotAsync(page, "compare");
    }

    private static async Task<string[]> DrawnPathsAsync(IPage page)
    {
        await GraphReadyAsync(page);
        return await page.EvaluateAsync<string[]>("() => window.lineageCy.nodes().map(n => n.data('path'))");
    }

    private static async Task<string[]> LinksInFirstColumnAsync(ILocator table)
    {
        await Assertions.Expect(table.Locator("tbody tr").First).ToBeVisibleAsync();
        return [.. await table.Locator("tbody tr td:first-child a").AllInnerTextsAsync()];
    }

    [GeneratedRegex(@"\d{1,2}:\d{2}:\d{2}")]
    private static partial Regex SecondsPattern();

    [GeneratedRegex(@"(ago|now)")]
    private static partial Regex AgoPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();
}
