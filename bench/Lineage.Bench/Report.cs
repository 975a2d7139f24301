using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lineage.Bench;

/// <summary>Writes results as tables, docs/performance.md and a chart (docs/performance.svg).</summary>
public static class Report
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lineage.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lineage.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The Neo4j results (S.json, M.json, L.json) in a folder, smallest first.</summary>
    public static List<Neo4jBenchResult> LoadNeo4j(string folder) =>
        [.. new[] { BenchSize.S, BenchSize.M, BenchSize.L }
            .Select(size => Path.Combine(folder, $"{size.Name}.json"))
            .Where(File.Exists)
            .Select(file => JsonSerializer.Deserialize<Neo4jBenchResult>(File.ReadAllText(file), Json)!)];

    /// <summary>The size results (S.json, M.json, L.json) in a folder; the load runs' files beside them are another shape.</summary>
    public static List<BenchResult> Load(string folder) =>
        [.. new[] { BenchSize.S, BenchSize.M, BenchSize.L }
            .Select(size => Path.Combine(folder, $"{size.Name}.json"))
            .Where(File.Exists)
            .Select(f => JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(f), Json)!)];

    /// <summary>One size's results as markdown.</summary>
    public static string Table(BenchResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Size {r.Size}: {r.Nodes:N0} nodes ({r.Runs:N0} runs, {r.Versions:N0} versions), {r.Edges:N0} edges; seed {r.Seed}; {r.Machine}.");
        text.AppendLine();
        text.AppendLine(Invariant, $"- ingest through the store API in batches, cycle checks on: **{r.EdgesPerSecond:N0} edges/s** ({r.IngestSeconds:N1} s)");
        text.AppendLine(Invariant, $"- cycle check per write: **{r.CycleCheckMicros:N2} µs** on average over {r.CycleChecks:N0} checks");
        text.AppendLine(Invariant, $"- loading the in-memory graph from the file: {r.GraphLoadSeconds:N2} s");
        text.AppendLine();
        text.AppendLine("| question | nodes | store p50 / p99 | recursive CTE p50 / p99 | arrays BFS p50 / p99 | CTE ÷ store | store ÷ arrays |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var q in r.Questions)
        {
            text.AppendLine(Invariant,
                $"| {q.Question} | {q.Nodes:N0} | {Ms(q.Ours.P50)} / {Ms(q.Ours.P99)} | {Ms(q.Cte.P50)} / {Ms(q.Cte.P99)} | {Ms(q.Arrays.P50)} / {Ms(q.Arrays.P99)} | {Ratio(q.Cte.P50, q.Ours.P50)} | {Ratio(q.Ours.P50, q.Arrays.P50)} |");
        }

        if (r.Http is { } http)
        {
            text.AppendLine();
            text.AppendLine(Invariant, $"GraphQL over HTTP, {http.Connections} connections ({http.LoadGenerator}); server up in {http.StartupSeconds:N2} s; server peak memory (VmHWM) {http.PeakRssBytes / 1048576.0:N0} MiB; run as `dotnet run` and the container image start it, with `DOTNET_GCgen0size={HttpBench.GcGen0Size}`.");
            text.AppendLine();
            text.AppendLine("| query | as | requests/s | ÷ lineage3 | p50 | p99 | errors |");
            text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var load in http.Loads)
            {
                var baseline = http.Loads.FirstOrDefault(l => l.Key == DashboardSuite.Baseline && l.As == load.As);
                var share = baseline is null ? "—" : (load.RequestsPerSecond / baseline.RequestsPerSecond).ToString("0.00", Invariant);
                text.AppendLine(Invariant, $"| {load.Key} | {load.As} | {load.RequestsPerSecond:N0} | {share} | {Ms(load.P50Ms)} | {Ms(load.P99Ms)} | {load.Errors} |");
            }

            text.AppendLine();
            foreach (var load in http.Loads.Where(l => l.As == "admin"))
            {
                text.AppendLine(Invariant, $"- {load.Key}: `{load.Query}`");
            }
        }

        if (r.Answer is { } answer)
        {
            text.AppendLine();
            text.AppendLine(Invariant,
                $"A large answer: the hub's downstream closure cut at {AnswerMemory.Nodes:N0} nodes ({answer.Nodes:N0} nodes, {answer.Edges:N0} edges, ids, names, paths, types, hops and edge kinds), " +
                $"{answer.AnswerBytes / 1048576.0:N1} MiB of JSON in {Ms(answer.Milliseconds)}; the server allocated {answer.AllocatedBytes / 1048576.0:N1} MiB while answering " +
                $"({answer.AllocatedPerAnswerByte:N2} bytes per answer byte), so it held at most {answer.HeldPerAnswerByte:N2}× the answer's size (its text in the response buffer, and what it allocated besides).");
        }

        if (r.Web is { Count: > 0 } web)
        {
            text.AppendLine();
            text.AppendLine(Invariant,
                $"The web page in headless Chromium: the lineage of `{web[0].Start}`, {web[0].Direction.ToLowerInvariant()}; " +
                $"median of {web[0].Runs} fresh tabs, ms from navigation start to the page's own marks.");
            text.AppendLine();
            text.AppendLine("| view | hops | nodes fetched | nodes drawn | clusters | edges | data fetched | layout done | first render | interactive | nodes then | worst interactive | all drawn | longest task after |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var w in web)
            {
                text.AppendLine(Invariant,
                    $"| {w.View} | {w.Depth} | {w.NodesFetched:N0} | {w.NodesDrawn:N0} | {w.Clusters:N0} | {w.EdgesDrawn:N0} | {w.DataMs:N0} ms | {w.LayoutMs:N0} ms | {w.FirstRenderMs:N0} ms | {w.InteractiveMs:N0} ms | {w.NodesAtInteractive:N0} | {w.WorstInteractiveMs:N0} ms | {w.CompleteMs:N0} ms | {w.LongestTaskMs:N0} ms |");
            }
        }

        return text.ToString();
    }

    public static void Write(string docsDirectory, IReadOnlyList<BenchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(docsDirectory);
        var text = new StringBuilder();
        text.AppendLine("# Performance");
        text.AppendLine();
        text.AppendLine("Measured by the benchmark in `bench/`: `bench/run S` (or `M`, `L`) builds the server in Release, generates");
        text.AppendLine("a lineage graph of that size through the store API, asks the same questions of the store, of a");
        text.AppendLine("recursive CTE over the same SQLite file (the straightforward approach) and of breadth-first search");
        text.AppendLine("over integer arrays in the benchmark's process (the physical limit), checks that all three return the");
        text.AppendLine("same nodes, times them, then loads the running server over HTTP. Each run rewrites its");
        text.AppendLine("`bench/results/<size>.json` and this page from all results present. Nothing here is a test");
        text.AppendLine("assertion; the test suite runs the harness once at size S as a smoke test.");
        text.AppendLine();
        text.AppendLine("![p50 latency per question: store, recursive CTE, arrays](performance.svg)");
        text.AppendLine();
        text.AppendLine("## Targets");
        text.AppendLine();
        text.Append(Targets(results));
        text.AppendLine();
        text.AppendLine("## Reading the figures");
        text.AppendLine();
        text.AppendLine("- **Store** is `ILineageStore` in the benchmark's process: for lineage questions, a walk of the graph");
        text.AppendLine("  held in memory, with per-node access checks, hops and every edge between returned nodes, in the");
        text.AppendLine("  answer's order; names and types are read from the graph as the answer is read (when it is");
        text.AppendLine("  written out), not here. For the 1-hop page, the page of edges read from the same in-memory graph,");
        text.AppendLine("  then the runs' records (kept in memory when asked again within a second, as a dashboard refresh asks).");
        text.AppendLine("- **Recursive CTE** answers the same questions in one SQL statement each over the same file, names");
        text.AppendLine("  joined at the end, as services that keep lineage in a relational database do.");
        text.AppendLine("- **Arrays** is breadth-first search over integer adjacency arrays: it returns node numbers only, with");
        text.AppendLine("  no names, types, hops, edges, ordering or access checks. It is the floor, not a competitor; the");
        text.AppendLine("  gap to it is the cost of an answer a client can use: its edges, its hops, the same order every");
        text.AppendLine("  time, and a copy the caller keeps (the arrays' walk reuses its buffers).");
        text.AppendLine("- p99 of the largest closures is set by garbage collection of the answer (hundreds of thousands of");
        text.AppendLine("  nodes and edges); answers are kept as node keys and edge pairs, in small segments, to keep that low.");
        text.AppendLine("- The HTTP `usedBy` query walks two levels through batch loaders (100 runs, their first logged");
        text.AppendLine("  version and its logger), so it runs many more GraphQL fields per request than `lineage`.");
        text.AppendLine("- The dashboard suite runs every query as the administrator and as a member of the `bench`");
        text.AppendLine("  namespace, after a warm-up pass, in three rounds of the whole suite; each row is the query's");
        text.AppendLine("  median round (errors summed over all three). ÷ lineage3 is the query's rate over");
        text.AppendLine("  `lineage(depth: 3)`'s rate as the same caller in the same run.");
        text.AppendLine();
        text.AppendLine("![each dashboard query's rate over the lineage(depth: 3) rate, per size and caller](dashboard.svg)");
        text.AppendLine("- The web page rows time the explorer in headless Chromium on this machine, from navigation start:");
        text.AppendLine("  the lineage answer, the layout (dagre up to 400 drawn nodes, the layered layout beyond), the");
        text.AppendLine("  first frame drawn and the main thread free again (interactive). A view of over 400 nodes opens");
        text.AppendLine("  on its start at a zoom its names can be read at, with the nodes in and around the viewport (\"nodes");
        text.AppendLine("  then\"), and adds the rest a slice per frame: \"all drawn\" is when the last is in, and \"longest");
        text.AppendLine("  task after\" the longest time input waited after interactive, over all tabs. The \"expanded\" row");
        text.AppendLine("  draws every fetched node, with no clusters. Goals: a 2,000-node view interactive within 1.5 s, a");
        text.AppendLine("  10,000-node view within 3 s.");
        foreach (var result in results.OrderBy(r => r.Nodes))
        {
            text.AppendLine();
            text.AppendLine(Invariant, $"## Size {result.Size}");
            text.AppendLine();
            text.Append(Table(result));
        }

        text.AppendLine();
        text.AppendLine("## OpenLineage ingestion");
        text.AppendLine();
        text.AppendLine("`bench/run ingest M` (or `S`, `L`) generates the graph of that size, starts the server on it, and");
        text.AppendLine("posts OpenLineage run events to `/api/v1/lineage`: after a warm-up, 10 batches of 1,000 events");
        text.AppendLine("one request at a time, then 8 emitters sending 250 single events each at once. Each run is a");
        text.AppendLine("START with two inputs from a shared pool and a COMPLETE with one output, a new version each time;");
        text.AppendLine("every dataset carries a schema and a version facet. It writes `bench/results/ingest-<size>.json`.");
        var ingests = new[] { BenchSize.S, BenchSize.M, BenchSize.L }
            .Select(size => Path.Combine(RepositoryRoot(), "bench", "results", $"ingest-{size.Name}.json"))
            .Where(File.Exists)
            .Select(file => JsonSerializer.Deserialize<IngestBenchResult>(File.ReadAllText(file), Json)!)
            .ToList();
        if (ingests.Count == 0)
        {
            text.AppendLine();
            text.AppendLine("Not measured yet.");
        }

        foreach (var ingest in ingests)
        {
            text.AppendLine();
            text.Append(IngestBench.Markdown(ingest));
        }

        text.AppendLine();
        text.AppendLine("## On Neo4j");
        text.AppendLine();
        text.AppendLine("`bench/run S --store neo4j` (or `M`, `L`; `--erase` empties a database that already holds the");
        text.AppendLine("graph) generates the same graph through the Neo4j store on the server `LINEAGE_NEO4J_URL` names,");
        text.AppendLine("counts the HTTP requests each write costs, checks every answer against the SQLite store holding");
        text.AppendLine("the same graph, times the questions, and writes `bench/results/neo4j/<size>.json`.");
        var neo4j = LoadNeo4j(Path.Combine(RepositoryRoot(), "bench", "results", "neo4j"));
        if (neo4j.Count == 0)
        {
            text.AppendLine();
            text.AppendLine("Not measured yet: no Neo4j server has been reachable where this benchmark has run.");
        }

        foreach (var result in neo4j)
        {
            text.AppendLine();
            text.AppendLine(Invariant, $"### Size {result.Size} on Neo4j");
            text.AppendLine();
            text.Append(Neo4jBench.Table(result));
        }

        File.WriteAllText(Path.Combine(docsDirectory, "performance.md"), text.ToString().ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(docsDirectory, "performance.svg"), Chart(results));
        File.WriteAllText(Path.Combine(docsDirectory, "dashboard.svg"), DashboardChart(results));
    }

    private static string Targets(IReadOnlyList<BenchResult> results)
    {
        var s = results.FirstOrDefault(r => r.Size == "S");
        var m = results.FirstOrDefault(r => r.Size == "M");
        var l = results.FirstOrDefault(r => r.Size == "L");
        var text = new StringBuilder();
        text.AppendLine("| target | measured | met |");
        text.AppendLine("| --- | --- | --- |");
        void Row(string target, BenchResult? at, Func<BenchResult, (string Measured, bool Met)> check)
        {
            if (at is null)
            {
                text.AppendLine(Invariant, $"| {target} | not measured yet | — |");
                return;
            }

            var (measured, met) = check(at);
            text.AppendLine(Invariant, $"| {target} | {measured} | {(met ? "yes" : "**no**")} |");
        }

        QuestionResult Q(BenchResult r, string key) => r.Questions.First(q => q.Key == key);
        Row("3-hop lineage p50 ≤ 2 ms (L)", l, r => ($"{Ms(Q(r, "lineage3").Ours.P50)}", Q(r, "lineage3").Ours.P50 <= 2));
        Row("hub downstream closure ≤ 200 ms (L)", l, r => ($"{Ms(Q(r, "downstream").Ours.P50)} p50, {Ms(Q(r, "downstream").Ours.P99)} p99 for {Q(r, "downstream").Nodes:N0} nodes", Q(r, "downstream").Ours.P99 <= 200));
        foreach (var key in new[] { "lineage3", "upstream", "downstream" })
        {
            Row($"≥ 10× faster than the recursive CTE: {key} (L)", l, r => ($"{Q(r, key).Cte.P50 / Q(r, key).Ours.P50:N1}×", Q(r, key).Cte.P50 / Q(r, key).Ours.P50 >= 10));
            Row($"within 3× of BFS over arrays: {key} (L)", l, r => ($"{Q(r, key).Ours.P50 / Q(r, key).Arrays.P50:N1}×", Q(r, key).Ours.P50 / Q(r, key).Arrays.P50 <= 3));
        }

        Row("ingest ≥ 20,000 edges/s with cycle checks (L)", l, r => ($"{r.EdgesPerSecond:N0} edges/s", r.EdgesPerSecond >= 20_000));
        Row("cycle check per write at L ≤ 2× its cost at S", l, r => s is null
            ? ($"{r.CycleCheckMicros:N2} µs at L; S not measured", false)
            : ($"{r.CycleCheckMicros:N2} µs at L, {s.CycleCheckMicros:N2} µs at S ({r.CycleCheckMicros / s.CycleCheckMicros:N2}×)", r.CycleCheckMicros <= 2 * s.CycleCheckMicros));
        Row("GraphQL lineage(depth:3) ≥ 2,000 req/s at p99 ≤ 25 ms, 32 connections (M)", m?.Http is null ? null : m, r =>
        {
            var load = r.Http!.Loads.First(x => x.Key == "lineage3");
            return ($"{load.RequestsPerSecond:N0} req/s, p99 {Ms(load.P99Ms)}", load.RequestsPerSecond >= 2_000 && load.P99Ms <= 25);
        });
        foreach (var r in results.Where(r => r.Http is not null).OrderBy(r => r.Nodes))
        {
            var dashboard = r.Http!.Loads.Where(x => x.Key is not (DashboardSuite.Baseline or "trivial")).ToList();
            if (dashboard.Count == 0)
            {
                continue;
            }

            Row($"every dashboard query ≥ 0.5× the lineage(depth:3) rate, as admin and as member ({r.Size})", r, x =>
            {
                var slowest = dashboard.MinBy(d => d.RequestsPerSecond / x.Http!.Loads.First(b => b.Key == DashboardSuite.Baseline && b.As == d.As).RequestsPerSecond)!;
                var share = slowest.RequestsPerSecond / x.Http!.Loads.First(b => b.Key == DashboardSuite.Baseline && b.As == slowest.As).RequestsPerSecond;
                return ($"slowest {slowest.Key} as {slowest.As}: {share:0.00}×", share >= 0.5);
            });
            Row($"every dashboard query p99 ≤ 50 ms at {r.Http.Connections} connections ({r.Size})", r, x =>
            {
                var worst = dashboard.MaxBy(d => d.P99Ms)!;
                return ($"worst {worst.Key} as {worst.As}: {Ms(worst.P99Ms)}", worst.P99Ms <= 50);
            });
        }

        foreach (var r in results.OrderBy(r => r.Nodes))
        {
            if (r.Questions.FirstOrDefault(q => q.Key == "usedBy") is { } page)
            {
                Row($"the store's 1-hop page no slower than the baseline's SQL for it ({r.Size})", r, _ =>
                    ($"{Ms(page.Ours.P50)} against {Ms(page.Cte.P50)} p50", page.Ours.P50 <= page.Cte.P50));
            }
        }

        foreach (var r in results.Where(r => r.Answer is not null).OrderBy(r => r.Nodes))
        {
            Row($"a closure's answer of up to {AnswerMemory.Nodes:N0} nodes built holding ≤ 2× its size ({r.Size})", r, x =>
                ($"{x.Answer!.HeldPerAnswerByte:N2}× for {x.Answer.Nodes:N0} nodes, {x.Answer.AnswerBytes / 1048576.0:N1} MiB", x.Answer.HeldPerAnswerByte <= 2));
        }

        Row("server peak memory ≤ 1 GiB (L)", l?.Http is null ? null : l, r => ($"{r.Http!.PeakRssBytes / 1048576.0:N0} MiB", r.Http.PeakRssBytes <= 1L << 30));
        Row("start-up on the L database ≤ 10 s", l?.Http is null ? null : l, r => ($"{r.Http!.StartupSeconds:N2} s", r.Http.StartupSeconds <= 10));
        return text.ToString();
    }

    /// <summary>Bars of each dashboard query's rate over the lineage(depth: 3) rate, grouped by query, one bar per size and caller, with the 0.5 target.</summary>
    private static string DashboardChart(IReadOnlyList<BenchResult> results)
    {
        var sized = results.Where(r => r.Http is not null).OrderBy(r => r.Nodes).ToList();
        var keys = sized.SelectMany(r => r.Http!.Loads.Select(l => l.Key)).Where(k => k is not (DashboardSuite.Baseline or "trivial")).Distinct().ToList();
        var series = sized.SelectMany(r => new[] { (Result: r, As: "admin"), (Result: r, As: "member") }).ToList();
        string[] colours = ["#1f77b4", "#aec7e8", "#d62728", "#ff9896", "#2ca02c", "#98df8a"];
        const int barWidth = 10;
        const int gap = 24;
        const int height = 240;
        const int top = 30;
        const double max = 1.5;
        var width = 70 + (keys.Count * ((series.Count * barWidth) + gap));
        double Y(double share) => top + height - (Math.Min(share, max) / max * height);

        var svg = new StringBuilder();
        svg.AppendLine(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Math.Max(width, 520)}\" height=\"{top + height + 110}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine("<text x=\"10\" y=\"18\" font-size=\"13\">requests/s ÷ lineage(depth: 3) requests/s as the same caller; target 0.5 (dashed)</text>");
        for (var tick = 0.0; tick <= max + 0.001; tick += 0.25)
        {
            svg.AppendLine(Invariant, $"<line x1=\"60\" x2=\"{width}\" y1=\"{Y(tick):F1}\" y2=\"{Y(tick):F1}\" stroke=\"#ddd\"/><text x=\"55\" y=\"{Y(tick) + 4:F1}\" text-anchor=\"end\">{tick:0.00}</text>");
        }

        svg.AppendLine(Invariant, $"<line x1=\"60\" x2=\"{width}\" y1=\"{Y(0.5):F1}\" y2=\"{Y(0.5):F1}\" stroke=\"black\" stroke-dasharray=\"5,4\"/>");
        var x = 70.0;
        foreach (var key in keys)
        {
            var start = x;
            for (var i = 0; i < series.Count; i++)
            {
                var (result, who) = series[i];
                var load = result.Http!.Loads.FirstOrDefault(l => l.Key == key && l.As == who);
                var baseline = result.Http.Loads.FirstOrDefault(l => l.Key == DashboardSuite.Baseline && l.As == who);
                if (load is not null && baseline is { RequestsPerSecond: > 0 })
                {
                    var share = load.RequestsPerSecond / baseline.RequestsPerSecond;
                    svg.AppendLine(Invariant,
                        $"<rect x=\"{x:F1}\" y=\"{Y(share):F1}\" width=\"{barWidth}\" height=\"{top + height - Y(share):F1}\" fill=\"{colours[i % colours.Length]}\"><title>{key}, {result.Size}, {who}: {share:0.00}×</title></rect>");
                }

                x += barWidth;
            }

            svg.AppendLine(Invariant, $"<text x=\"{(start + x) / 2:F1}\" y=\"{top + height + 16}\" text-anchor=\"middle\">{key}</text>");
            x += gap;
        }

        for (var i = 0; i < series.Count; i++)
        {
            var legendX = 70 + ((i % 3) * 150);
            var legendY = top + height + 40 + ((i / 3) * 18);
            svg.AppendLine(Invariant, $"<rect x=\"{legendX}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" fill=\"{colours[i % colours.Length]}\"/><text x=\"{legendX + 14}\" y=\"{legendY}\">{series[i].Result.Size}, {series[i].As}</text>");
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>Grouped bars of p50 latency on a log scale, one group per question and size.</summary>
    private static string Chart(IReadOnlyList<BenchResult> results)
    {
        var groups = results.OrderBy(r => r.Nodes).SelectMany(r => r.Questions.Select(q => (Label: $"{r.Size}: {q.Key}", q))).ToList();
        const int barWidth = 14;
        const int gap = 26;
        const int height = 260;
        const int top = 30;
        var width = 70 + (groups.Count * ((3 * barWidth) + gap));
        var max = Math.Log10(groups.Count == 0 ? 10 : groups.Max(g => Math.Max(g.q.Cte.P50, g.q.Ours.P50)) * 2);
        var min = Math.Log10(groups.Count == 0 ? 0.001 : Math.Max(0.0001, groups.Min(g => g.q.Arrays.P50) / 2));
        double Y(double ms) => top + height - ((Math.Log10(Math.Max(ms, 0.0001)) - min) / (max - min) * height);

        var svg = new StringBuilder();
        svg.AppendLine(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{top + height + 90}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine(Invariant, $"<text x=\"10\" y=\"18\" font-size=\"13\">p50 latency, ms, log scale: store (blue), recursive CTE (red), BFS over arrays (grey)</text>");
        for (var decade = Math.Ceiling(min); decade <= max; decade++)
        {
            var y = Y(Math.Pow(10, decade));
            svg.AppendLine(Invariant, $"<line x1=\"60\" x2=\"{width}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#ddd\"/><text x=\"55\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Math.Pow(10, decade).ToString("G", Invariant)}</text>");
        }

        var x = 70.0;
        foreach (var (label, q) in groups)
        {
            foreach (var (ms, colour) in new[] { (q.Ours.P50, "#2b6cb0"), (q.Cte.P50, "#c53030"), (q.Arrays.P50, "#888") })
            {
                var y = Y(ms);
                svg.AppendLine(Invariant, $"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{barWidth}\" height=\"{top + height - y:F1}\" fill=\"{colour}\"><title>{label}: {Ms(ms)}</title></rect>");
                x += barWidth;
            }

            svg.AppendLine(Invariant, $"<text transform=\"translate({x - (1.5 * barWidth):F1},{top + height + 8}) rotate(45)\">{label}</text>");
            x += gap;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Ms(double ms) =>
        ms >= 100 ? $"{ms.ToString("N0", Invariant)} ms"
        : ms >= 1 ? $"{ms.ToString("N1", Invariant)} ms"
        : $"{(ms * 1000).ToString("N1", Invariant)} µs";

    /// <summary>How many times slower <paramref name="a"/> is than <paramref name="b"/>; below the clock's resolution there is no ratio.</summary>
    private static string Ratio(double a, double b) => b <= 0 ? "—" : $"{(a / b).ToString("N1", Invariant)}×";
}
