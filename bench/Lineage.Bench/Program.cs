using System.Globalization;
using System.Text.Json;
using Lineage.Neo4j;

namespace Lineage.Bench;

/// <summary>
/// <c>bench/run &lt;S|M|L&gt; [--seed N] [--data DIR] [--no-http] [--no-web] [--seconds N]</c>,
/// <c>bench/run &lt;S|M|L&gt; --store neo4j [--erase]</c> (see <see cref="Neo4jBench"/>), <c>bench/run load [--minutes N] [--rate R]</c>
/// (see <see cref="LoadRun"/>), <c>bench/run ingest [S|M|L]</c> (see <see cref="IngestBench"/>), <c>bench/run memory [--server DLL] [--loggers N] [--rounds N] [--label NAME]</c>
/// (see <see cref="MemoryAttack"/>), or <c>bench/run --report</c>: generates the
/// graph, measures, writes bench/results/&lt;size&gt;.json and docs/performance.md.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            await RunAsync(args).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Neo4jStoreException)
        {
            // A mistake in the command or its settings, or a server that refused: one line, no trace.
            await Console.Error.WriteLineAsync($"bench/run: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static async Task RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var results = Path.Combine(Report.RepositoryRoot(), "bench", "results");
        if (args.Contains("--report"))
        {
            // Rewrites docs/performance.md and its chart from the results already measured.
            Report.Write(Path.Combine(Report.RepositoryRoot(), "docs"), Report.Load(results));
            return;
        }

        if (args.FirstOrDefault() == "memory")
        {
            string? MemoryOption(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var build = MemoryOption("--server") ?? Path.Combine(Report.RepositoryRoot(), "src", "Lineage.Server", "bin", "Release", "net10.0", "Lineage.Server.dll");
            var loggers = int.Parse(MemoryOption("--loggers") ?? "20000", CultureInfo.InvariantCulture);
            var rounds = int.Parse(MemoryOption("--rounds") ?? "3", CultureInfo.InvariantCulture);
            var label = MemoryOption("--label") ?? "current";
            var directory = Path.Combine(Path.GetTempPath(), $"lineage-memory-{Environment.ProcessId}");
            var memory = await MemoryAttack.RunAsync(build, directory, loggers, rounds, Console.Error, CancellationToken.None).ConfigureAwait(false);
            var folder = Directory.CreateDirectory(Path.Combine(results, "memory")).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, $"{label}.json"), JsonSerializer.Serialize(memory, Report.Json)).ConfigureAwait(false);
            Console.WriteLine(MemoryAttack.Markdown(memory));
            Directory.Delete(directory, recursive: true);
            return;
        }

        if (args.FirstOrDefault() == "ingest")
        {
            var serverDll = Path.Combine(Report.RepositoryRoot(), "src", "Lineage.Server", "bin", "Release", "net10.0", "Lineage.Server.dll");
            var ingestSize = BenchSize.Parse(args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "M");
            var directory = Path.Combine(Path.GetTempPath(), $"lineage-ingest-{Environment.ProcessId}");
            var ingest = await IngestBench.RunAsync(serverDll, directory, ingestSize, Console.Error).ConfigureAwait(false);
            Directory.CreateDirectory(results);
            await File.WriteAllTextAsync(Path.Combine(results, $"ingest-{ingestSize.Name}.json"), JsonSerializer.Serialize(ingest, Report.Json)).ConfigureAwait(false);
            Report.Write(Path.Combine(Report.RepositoryRoot(), "docs"), Report.Load(results));
            Console.WriteLine(IngestBench.Markdown(ingest));
            Directory.Delete(directory, recursive: true);
            return;
        }

        if (args.FirstOrDefault() == "load")
        {
            var serverBuild = Path.Combine(Report.RepositoryRoot(), "src", "Lineage.Server", "bin", "Release", "net10.0", "Lineage.Server.dll");
            string? LoadOption(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var minutes = double.Parse(LoadOption("--minutes") ?? "10", CultureInfo.InvariantCulture);
            var rate = LoadOption("--rate") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : (int?)null;
            var directory = Path.Combine(Path.GetTempPath(), $"lineage-load-{Environment.ProcessId}");
            var load = await LoadRun.RunAsync(serverBuild, directory, TimeSpan.FromMinutes(minutes), rate, Console.Error).ConfigureAwait(false);
            Directory.CreateDirectory(results);
            await File.WriteAllTextAsync(Path.Combine(results, "load.json"), JsonSerializer.Serialize(load, Report.Json)).ConfigureAwait(false);
            Console.WriteLine(LoadRun.Markdown(load));
            Directory.Delete(directory, recursive: true);
            return;
        }

        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var size = BenchSize.Parse(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != Option("--store") && a != Option("--seed") && a != Option("--data") && a != Option("--seconds")) ?? "S");
        var root = Report.RepositoryRoot();
        var seed = int.Parse(Option("--seed") ?? "42", CultureInfo.InvariantCulture);
        switch (Option("--store") ?? (args.Contains("--store") ? "" : "sqlite"))
        {
            case "sqlite":
                break;
            case "neo4j":
                var measured = await Neo4jBench.RunAsync(new BenchOptions(size, "", seed), args.Contains("--erase"), Console.Error, CancellationToken.None).ConfigureAwait(false);
                var neo4jResults = Directory.CreateDirectory(Path.Combine(results, "neo4j")).FullName;
                await File.WriteAllTextAsync(Path.Combine(neo4jResults, $"{size.Name}.json"), JsonSerializer.Serialize(measured, Report.Json)).ConfigureAwait(false);
                Report.Write(Path.Combine(root, "docs"), Report.Load(results));
                Console.WriteLine(Neo4jBench.Table(measured));
                return;
            case var other:
                throw new ArgumentException($"--store takes sqlite (the default) or neo4j, not '{other}'");
        }

        var data = Option("--data") ?? Path.Combine(Path.GetTempPath(), $"lineage-bench-{size.Name}");
        var server = Path.Combine(root, "src", "Lineage.Server", "bin", "Release", "net10.0", "Lineage.Server.dll");
        var http = !args.Contains("--no-http") && File.Exists(server);
        if (!args.Contains("--no-http") && !http)
        {
            await Console.Error.WriteLineAsync($"no server build at {server}: the HTTP part is skipped (bench/run builds it)").ConfigureAwait(false);
        }

        var options = new BenchOptions(
            size,
            data,
            seed,
            ServerDll: http ? server : null,
            LoadDuration: TimeSpan.FromSeconds(int.Parse(Option("--seconds") ?? "10", CultureInfo.InvariantCulture)),
            Web: http && !args.Contains("--no-web"));
        var result = await BenchmarkRunner.RunAsync(options, Console.Error, CancellationToken.None).ConfigureAwait(false);

        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, $"{size.Name}.json"), JsonSerializer.Serialize(result, Report.Json)).ConfigureAwait(false);
        Report.Write(Path.Combine(root, "docs"), Report.Load(results));
        Console.WriteLine(Report.Table(result));
    }

}
