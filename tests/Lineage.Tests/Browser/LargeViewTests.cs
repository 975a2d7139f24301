using System.Text.Json;
using Lineage.Tests.Support;
using Microsoft.Playwright;

namespace Lineage.Tests.Browser;

/// <summary>
/// A view of over 400 nodes: a sweep of 250 runs that each read one dataset and log a model,
/// drawn with its clusters expanded. Its own server, so that the sweep shows in no other page.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class LargeViewTests : BrowserTest
{
    private const int Trials = 250;

    public LargeViewTests(BrowserFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task a_large_view_opens_readable_on_its_start_then_draws_every_node_and_a_minimap_that_moves_the_view()
    {
        await SeedSweepAsync(Fixture.App.GraphQL());
        var page = await Fixture.PageAsync();
        var address = "/#/lineage?start=" + Uri.EscapeDataString("acme/sweep/sweep-data:v0") + "&dir=DOWNSTREAM&depth=2";
        await page.GotoAsync(address);
        await GraphReadyAsync(page);
        var keys = await page.EvaluateAsync<string[]>("() => window.lineageCy.nodes('.cluster').map(n => n.data('key'))");
        Assert.Equal(2, keys.Length);

        await page.GotoAsync(address + string.Concat(keys.Select(k => "&expand=" + Uri.EscapeDataString(k))));
        await GraphReadyAsync(page);
        var view = await page.EvaluateAsync<JsonElement>("""
            () => {
              const cy = window.lineageCy;
              const start = cy.nodes('.start')[0].renderedPosition();
              const interactive = performance.getEntriesByName('lineage:interactive')[0];
              const complete = performance.getEntriesByName('lineage:complete')[0];
              return {
                nodes: cy.nodes().length, edges: cy.edges().length, clusters: cy.nodes('.cluster').length,
                zoom: cy.zoom(), width: cy.width(), height: cy.height(), startX: start.x, startY: start.y,
                atInteractive: interactive.detail.nodes, interactive: interactive.startTime, complete: complete.startTime,
              };
            }
            """);

        // Every node and edge drawn, none clustered.
        Assert.Equal(1 + (2 * Trials), view.GetProperty("nodes").GetInt32());
        Assert.Equal(2 * Trials, view.GetProperty("edges").GetInt32());
        Assert.Equal(0, view.GetProperty("clusters").GetInt32());

        // Opened on the start, at a zoom whose names can be read, with the part around it first.
        Assert.Equal(0.8, view.GetProperty("zoom").GetDouble(), 3);
        Assert.InRange(view.GetProperty("startX").GetDouble(), 0, view.GetProperty("width").GetDouble());
        Assert.InRange(view.GetProperty("startY").GetDouble(), 0, view.GetProperty("height").GetDouble());
        Assert.InRange(view.GetProperty("atInteractive").GetInt32(), 2, Trials);
        Assert.True(view.GetProperty("complete").GetDouble() > view.GetProperty("interactive").GetDouble());

        // The minimap shows the whole view; a click on its bottom edge moves the view down there.
        var minimap = page.GetByRole(AriaRole.Img, new() { Name = "Minimap of the whole view: click to move there" });
        await Assertions.Expect(minimap).ToBeVisibleAsync();
        var before = await page.EvaluateAsync<double>("() => window.lineageCy.pan().y");
        var box = (await minimap.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + box.Height - 2);
        var after = await page.EvaluateAsync<double>("() => window.lineageCy.pan().y");
        Assert.True(after < before - 1000, $"the view moved down: pan y {before} → {after}");

        // A node drawn after the first slice answers a click as any other.
        var last = await page.EvaluateAsync<JsonElement>("""
            () => {
              const cy = window.lineageCy;
              const node = cy.nodes().filter(n => n.data('path') === 'acme/sweep/sweep-model:v249')[0];
              cy.center(node);
              const box = cy.container().getBoundingClientRect();
              return { x: box.left + node.renderedPosition().x, y: box.top + node.renderedPosition().y };
            }
            """);
        await page.Mouse.ClickAsync((float)last.GetProperty("x").GetDouble(), (float)last.GetProperty("y").GetDouble());
        await Assertions.Expect(page.Locator("#details h2")).ToContainTextAsync("sweep-model:v249");
        await BrowserFixture.ScreenshotAsync(page, "large-view");
    }

    /// <summary>acme/sweep: a dataset, and runs that each read it and log a version of one model.</summary>
    private static async Task SeedSweepAsync(GraphQLClient admin)
    {
        await admin.DataAsync("""
            mutation {
              createRun(input: { project: "acme/sweep", name: "prepare", jobType: "upload" }) { path }
              logArtifact(input: { run: "acme/sweep/prepare", name: "sweep-data", type: "dataset", digest: "sha256:sweep" }) { name }
            }
            """);
        for (var i = 0; i < Trials; i++)
        {
            await admin.DataAsync(
                """
                mutation ($name: String!, $run: String!, $digest: String!) {
                  createRun(input: { project: "acme/sweep", name: $name, jobType: "train" }) { path }
                  useArtifact(input: { run: $run, artifact: "acme/sweep/sweep-data:v0" }) { name }
                  logArtifact(input: { run: $run, name: "sweep-model", type: "model", digest: $digest }) { name }
                }
                """,
                new { name = $"trial-{i:000}", run = $"acme/sweep/trial-{i:000}", digest = $"sha256:trial{i}" });
        }
    }
}
