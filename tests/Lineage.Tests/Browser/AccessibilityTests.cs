using System.Text.Json;
using Lineage.Tests.Support;
using Microsoft.Playwright;

namespace Lineage.Tests.Browser;

/// <summary>
/// Every page of the web page checked by axe-core (the npm package, injected into the page) in
/// the light and the dark colour scheme: no serious or critical violation. What axe finds is
/// written to TestResults/axe.json.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class AccessibilityTests : IClassFixture<BrowserFixture>
{
    private static readonly string AxeScript = Path.Combine(RepositoryRoot.Path, "src", "Lineage.Web", "node_modules", "axe-core", "axe.min.js");

    private readonly BrowserFixture _fixture;

    public AccessibilityTests(BrowserFixture fixture)
    {
        _fixture = fixture;
    }

    /// <summary>Each page, by the address that opens it and what shows that it has loaded.</summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "sign-in", "/", "form.sign-in" },
        { "explorer, empty", "/#/", ".graph .empty" },
        { "explorer", "/#/lineage?start=acme%2Fzoo%2Fsplit_zoo_dataset%3Av4&dir=BOTH&depth=3", ".graph[data-ready='true']" },
        { "explorer, a node selected", "/#/lineage?start=acme%2Fzoo%2Fsplit_zoo_dataset%3Av4&dir=BOTH&depth=3&select", ".graph[data-ready='true']" },
        { "explorer, impact", "/#/lineage?start=acme%2Fzoo%2Fsplit_zoo_dataset%3Av4&dir=DOWNSTREAM&depth=3&mode=impact", ".mode-box table tbody tr" },
        { "explorer, compare", "/#/lineage?start=acme%2Fzoo%2Fsplit_zoo_dataset%3Av4&dir=UPSTREAM&depth=3&mode=compare&with=acme%2Fzoo%2Fsplit_zoo_dataset%3Av3", ".mode-box table tbody tr" },
        { "browse", "/#/browse", "table tbody tr" },
        { "namespace", "/#/namespace?name=acme", "table tbody tr" },
        { "project runs", "/#/project?path=acme%2Fzoo", "table tbody tr" },
        { "project artifacts", "/#/project?path=acme%2Fzoo&tab=artifacts", "table tbody tr" },
        { "artifact", "/#/artifact?path=acme%2Fzoo%2Fsplit_zoo_dataset", "table tbody tr" },
        { "run", "/#/run?path=acme%2Fzoo%2Frural-feather-20", "table tbody tr" },
        { "version", "/#/version?name=acme%2Fzoo%2Fzoo-ylbchv20%3Av0", ".facts" },
        { "version files", "/#/version?name=acme%2Fvision%2Fimagenet-subset%3Av0&tab=files", "table tbody tr" },
        { "version users", "/#/version?name=acme%2Fzoo%2Fsplit_zoo_dataset%3Av4&tab=usedBy", "table tbody tr" },
        { "registries", "/#/registries", "table tbody tr" },
        { "registry", "/#/registry?path=acme%2Fmodels", "table tbody tr" },
        { "registry history", "/#/registry?path=acme%2Fmodels&tab=history", "table.history tbody tr" },
        { "collection", "/#/collection?path=acme%2Fmodels%2Fzoo-classifier", "table.versions tbody tr" },
        { "collection history", "/#/collection?path=acme%2Fmodels%2Fzoo-classifier&tab=history", "table.history tbody tr" },
        { "playground", "/graphql", ".graphiql-query-editor .view-line span span" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task a_page_has_no_serious_or_critical_violation_in_either_colour_scheme(string name, string address, string loaded)
    {
        Assert.True(File.Exists(AxeScript), $"axe-core is installed with the web page's packages (npm ci in src/Lineage.Web): {AxeScript}");
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await _fixture.PageAsync(signedIn: name != "sign-in", colorScheme: scheme);
            await page.GotoAsync(address.Replace("&select", "", StringComparison.Ordinal));
            await page.Locator(loaded).First.WaitForAsync(new() { Timeout = 60_000 });
            if (address.EndsWith("&select", StringComparison.Ordinal))
            {
                var at = await page.EvaluateAsync<JsonElement>("""
                    () => {
                      const node = window.lineageCy.nodes().filter(n => n.data('path') === 'acme/zoo/rural-feather-20')[0];
                      const box = window.lineageCy.container().getBoundingClientRect();
                      return { x: box.left + node.renderedPosition().x, y: box.top + node.renderedPosition().y };
                    }
                    """);
                await page.Mouse.ClickAsync((float)at.GetProperty("x").GetDouble(), (float)at.GetProperty("y").GetDouble());
                await page.Locator("#details h2").WaitForAsync();
            }

            // The page's Content-Security-Policy refuses injected scripts: axe's source is evaluated instead.
            await page.EvaluateAsync($"() => {{ {await File.ReadAllTextAsync(AxeScript, TestContext.Current.CancellationToken)}\n }}");
            var violations = await page.EvaluateAsync<JsonElement>("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                  targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))
                """);
            Record(name, scheme, violations);
            var blocking = violations.EnumerateArray()
                .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
                .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}, {v.GetProperty("count").GetInt32()}×): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}")
                .ToList();
            Assert.True(blocking.Count == 0, $"{name} in the {scheme} scheme:\n" + string.Join('\n', blocking));
            await page.Context.CloseAsync();
        }
    }

    private static readonly Lock Results = new();

    /// <summary>Adds a page's findings to TestResults/axe.json: every violation, of any impact.</summary>
    private static void Record(string name, ColorScheme scheme, JsonElement violations)
    {
        var path = Path.Combine(RepositoryRoot.Path, "TestResults", "axe.json");
        lock (Results)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var all = File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(path)) ?? [] : [];
            all[$"{name} ({scheme.ToString().ToLowerInvariant()})"] = violations.Clone();
            File.WriteAllText(path, JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
