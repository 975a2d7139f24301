using System.Text.Json;
using Microsoft.Playwright;

namespace Lineage.Bench;

/// <summary>
/// Time to first render and to interactive of a large lineage view in headless Chromium: the
/// page's own performance marks, from navigation start, for a fresh tab each time.
/// </summary>
public static class WebBench
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<IReadOnlyList<WebResult>?> RunAsync(string baseUrl, string key, string start, int maxNodes, int repeats, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(Chromium))
        {
            log.WriteLine($"web: no Chromium at {Chromium} (apt-get install chromium): the page is not measured");
            return null;
        }

        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        }).ConfigureAwait(false);

        string Url(int depth, int max) => $"{baseUrl.TrimEnd('/')}/#/lineage?start={Uri.EscapeDataString(start)}&dir=DOWNSTREAM&depth={depth}&max={max}";
        var clustered = await MeasureAsync(browser, Url(2, maxNodes), 2, key, "as drawn, similar siblings clustered", repeats, log).ConfigureAwait(false);

        // The same view with every cluster expanded: each fetched node drawn on its own.
        var expanded = Url(2, maxNodes) + string.Concat(clustered.Keys.Select(k => "&expand=" + Uri.EscapeDataString(k)));
        var all = await MeasureAsync(browser, expanded, 2, key, "every cluster expanded", repeats, log).ConfigureAwait(false);

        // The whole downstream, up to 10,000 nodes, as drawn.
        var large = await MeasureAsync(browser, Url(3, 10_000), 3, key, "up to 10,000 nodes, clustered", repeats, log).ConfigureAwait(false);
        return [clustered.Result with { Start = start }, all.Result with { Start = start }, large.Result with { Start = start }];
    }

    private static async Task<(WebResult Result, List<string> Keys)> MeasureAsync(IBrowser browser, string url, int depth, string key, string view, int repeats, TextWriter log)
    {
        var runs = new List<WebRun>();
        var keys = new List<string>();
        for (var i = 0; i < repeats; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } }).ConfigureAwait(false);
            await context.AddInitScriptAsync($"sessionStorage.setItem('lineage.apiKey', '{key}');").ConfigureAwait(false);

            // Every task that kept the main thread over 50 ms, to show how long input waited while a large view filled in.
            await context.AddInitScriptAsync("""
                window.lineageLongTasks = [];
                new PerformanceObserver((list) => { for (const e of list.getEntries()) window.lineageLongTasks.push({ start: e.startTime, duration: e.duration }); })
                  .observe({ type: 'longtask', buffered: true });
                """).ConfigureAwait(false);
            var page = await context.NewPageAsync().ConfigureAwait(false);
            await page.GotoAsync(url).ConfigureAwait(false);
            await page.Locator("#graph[data-ready='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 300_000 }).ConfigureAwait(false);
            var marks = await page.EvaluateAsync<JsonElement>("""
                () => ({
                  marks: Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime])),
                  atInteractive: performance.getEntriesByName('lineage:interactive')[0].detail.nodes,
                  longest: Math.max(0, ...window.lineageLongTasks
                    .filter(t => t.start >= performance.getEntriesByName('lineage:interactive')[0].startTime)
                    .map(t => t.duration)),
                  fetched: Number(document.getElementById('lineage-status').textContent.match(/^(\d+) nodes/)[1]),
                  drawn: window.lineageCy.nodes().length,
                  clusters: window.lineageCy.nodes('.cluster').map(n => n.data('key')),
                  edges: window.lineageCy.edges().length,
                })
                """).ConfigureAwait(false);
            double Mark(string name) => marks.GetProperty("marks").GetProperty(name).GetDouble();
            keys = [.. marks.GetProperty("clusters").EnumerateArray().Select(k => k.GetString()!)];
            var run = new WebRun(
                marks.GetProperty("fetched").GetInt32(),
                marks.GetProperty("drawn").GetInt32(),
                keys.Count,
                marks.GetProperty("edges").GetInt32(),
                Mark("lineage:data"),
                Mark("lineage:layout"),
                Mark("lineage:drawn"),
                Mark("lineage:interactive"),
                marks.GetProperty("atInteractive").GetInt32(),
                Mark("lineage:complete"),
                marks.GetProperty("longest").GetDouble());
            runs.Add(run);
            log.WriteLine($"web ({view}) {i + 1}/{repeats}: {run.Fetched:N0} nodes fetched, {run.Drawn:N0} drawn ({run.Clusters} clusters); " +
                $"data {run.DataMs:N0} ms, first render {run.DrawnMs:N0} ms, interactive {run.InteractiveMs:N0} ms with {run.NodesAtInteractive:N0} nodes, " +
                $"all drawn {run.CompleteMs:N0} ms, longest task after interactive {run.LongestTaskMs:N0} ms");
        }

        double Median(Func<WebRun, double> pick)
        {
            var sorted = runs.Select(pick).Order().ToList();
            return sorted[sorted.Count / 2];
        }

        var last = runs[^1];
        return (new WebResult(view, "", "DOWNSTREAM", depth, last.Fetched, last.Drawn, last.Clusters, last.Edges, runs.Count,
            Median(r => r.DataMs), Median(r => r.LayoutMs), Median(r => r.DrawnMs), Median(r => r.InteractiveMs), runs.Max(r => r.InteractiveMs),
            Median(r => r.NodesAtInteractive), Median(r => r.CompleteMs), runs.Max(r => r.LongestTaskMs)), keys);
    }

    private sealed record WebRun(int Fetched, int Drawn, int Clusters, int Edges, double DataMs, double LayoutMs, double DrawnMs, double InteractiveMs,
        int NodesAtInteractive, double CompleteMs, double LongestTaskMs);
}
