using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace Lineage.Bench;

/// <summary>
/// <c>bench/run load [--minutes N] [--rate R]</c>: the server on a generated S graph under a fixed
/// arrival rate of mixed reads and writes (an open loop: latency counts from when a request was
/// due, so a slow server cannot slow the load down). Without <c>--rate</c> it first steps the rate
/// up, 30 s a step, and keeps the highest whose p99 stays under 100 ms with no errors. After 20 s
/// of unrecorded warm-up, every 10 s it records the rate served, p50 and p99, errors and the
/// server's resident memory.
/// </summary>
public static class LoadRun
{
    private static readonly int[] Steps = [200, 400, 600, 800, 1000, 1200, 1500, 2000];

    public static async Task<LoadRunResult> RunAsync(string serverDll, string dataDirectory, TimeSpan duration, int? rate, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        await BenchmarkRunner.GenerateAsync(new BenchOptions(BenchSize.Parse("S"), dataDirectory), log, CancellationToken.None).ConfigureAwait(false);
        await using var server = await HttpBench.StartAsync(serverDll, dataDirectory, 5400 + Random.Shared.Next(500), log).ConfigureAwait(false);
        var mix = new Mix();

        var chosen = rate ?? 0;
        var calibration = new List<Interval>();
        if (rate is null)
        {
            foreach (var step in Steps)
            {
                var interval = (await DriveAsync(server, mix, step, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), log).ConfigureAwait(false))[0];
                calibration.Add(interval);
                log.WriteLine($"calibration {step}/s: served {interval.Rate:N0}/s, p99 {interval.P99Ms:N1} ms, {interval.Errors} errors");
                if (interval.P99Ms >= 100 || interval.Errors > 0 || interval.Rate < step * 0.95)
                {
                    break;
                }

                chosen = step;
            }
        }

        if (chosen == 0)
        {
            throw new InvalidOperationException("even the lowest rate missed p99 < 100 ms");
        }

        // The first seconds of a fresh server are compilation, not service: warm it up unrecorded.
        log.WriteLine($"warm-up: {chosen}/s for 20 s, not recorded");
        await DriveAsync(server, mix, chosen, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20), log).ConfigureAwait(false);
        log.WriteLine($"load: {chosen}/s for {duration.TotalMinutes:N0} minutes");
        var intervals = await DriveAsync(server, mix, chosen, duration, TimeSpan.FromSeconds(10), log).ConfigureAwait(false);
        return new LoadRunResult(chosen, duration.TotalSeconds, calibration, intervals);
    }

    /// <summary>Sends <paramref name="rate"/> requests a second for <paramref name="duration"/>, measured in slices of <paramref name="every"/>.</summary>
    private static async Task<List<Interval>> DriveAsync(HttpBench server, Mix mix, int rate, TimeSpan duration, TimeSpan every, TextWriter log)
    {
        var intervals = new List<Interval>();
        var latencies = new List<double>();
        var errors = 0;
        var gate = new object();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var sliceStart = TimeSpan.Zero;
        var tick = TimeSpan.FromSeconds(1.0 / rate);
        for (long i = 0; ; i++)
        {
            var due = tick * i;
            if (due >= duration)
            {
                break;
            }

            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }

            var (query, variables) = mix.Next();
            inFlight.Add(Task.Run(async () =>
            {
                var ok = await SendAsync(server.Client, query, variables).ConfigureAwait(false);
                var latency = (clock.Elapsed - due).TotalMilliseconds;
                lock (gate)
                {
                    latencies.Add(latency);
                    if (!ok)
                    {
                        errors++;
                    }
                }
            }));

            if (clock.Elapsed - sliceStart >= every)
            {
                intervals.Add(Slice(server, latencies, ref errors, gate, clock.Elapsed - sliceStart, clock.Elapsed));
                sliceStart = clock.Elapsed;
                inFlight.RemoveAll(t => t.IsCompleted);
                if (every < duration)
                {
                    var last = intervals[^1];
                    log.WriteLine($"  {last.AtSeconds,6:N0} s: {last.Rate:N0}/s, p50 {last.P50Ms:N1} ms, p99 {last.P99Ms:N1} ms, {last.Errors} errors, RSS {last.RssBytes / 1048576.0:N0} MiB");
                }
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        if (latencies.Count > 0)
        {
            intervals.Add(Slice(server, latencies, ref errors, gate, clock.Elapsed - sliceStart, clock.Elapsed));
        }

        return intervals;
    }

    private static Interval Slice(HttpBench server, List<double> latencies, ref int errors, object gate, TimeSpan length, TimeSpan at)
    {
        lock (gate)
        {
            var sorted = latencies.Order().ToList();
            var interval = new Interval(
                at.TotalSeconds,
                sorted.Count / Math.Max(0.001, length.TotalSeconds),
                sorted.Count == 0 ? 0 : sorted[sorted.Count / 2],
                sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))],
                errors,
                server.RssBytes());
            latencies.Clear();
            errors = 0;
            return interval;
        }
    }

    private static async Task<bool> SendAsync(HttpClient http, string query, object variables)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("graphql", new { query, variables }).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return response.IsSuccessStatusCode && !body.Contains("\"errors\"", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Reads and writes in a fixed proportion: 40% lineage, 20% version details, 10% search, 30% writes.</summary>
    private sealed class Mix
    {
        private long _next;
        private long _writes;

        public (string Query, object Variables) Next()
        {
            var n = Interlocked.Increment(ref _next);
            var model = $"{GraphGenerator.Namespace}/sweep/sweep-model:v{n % 200}";
            return (n % 10) switch
            {
                0 or 1 or 2 or 3 => ("query ($s: String!) { lineage(start: $s, depth: 3) { truncated nodes { id name hops } edges { from to } } }", new { s = model }),
                4 or 5 => ("query ($n: String!) { artifact(name: $n) { name digest aliases loggers(first: 20) { nodes { path } } collections(first: 20) { nodes { qualifiedName } } } }", new { n = model }),
                6 => ("query ($t: String!) { search(text: $t, first: 10) { kind path } }", new { t = $"sweep-{n % 50}" }),
                _ => Write(Interlocked.Increment(ref _writes)),
            };
        }

        private static (string, object) Write(long w) => (
            """
            mutation ($p: String!, $n: String!, $r: String!, $d: String!, $h: String!) {
              createRun(input: { project: $p, name: $n, jobType: "load" }) { path }
              useArtifact(input: { run: $r, artifact: $h }) { name }
              logArtifact(input: { run: $r, name: "load-model", type: "model", digest: $d, aliases: ["newest"] }) { name }
            }
            """,
            new { p = $"{GraphGenerator.Namespace}/load", n = $"load-{w}", r = $"{GraphGenerator.Namespace}/load/load-{w}", d = $"sha256:load-{w}", h = GraphGenerator.Hub });
    }

    public static string Markdown(LoadRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var all = result.Intervals;
        var errors = all.Sum(i => i.Errors);
        var first = all.Take(Math.Max(1, all.Count / 5)).Average(i => i.RssBytes) / 1048576.0;
        var last = all.Skip(all.Count * 4 / 5).Average(i => i.RssBytes) / 1048576.0;
        text.AppendLine(CultureInfo.InvariantCulture, $"Rate held: **{result.Rate:N0} requests/s** for {result.Seconds / 60:N0} minutes (40% lineage depth 3, 20% version details, 10% search, 30% writes of three mutations each); errors: **{errors}**; p99 per 10 s: {all.Min(i => i.P99Ms):N1} to {all.Max(i => i.P99Ms):N1} ms; server memory: {first:N0} MiB in the first fifth, {last:N0} MiB in the last.");
        text.AppendLine();
        if (result.Calibration.Count > 0)
        {
            text.AppendLine("| calibration step | served | p99 | errors |");
            text.AppendLine("| ---: | ---: | ---: | ---: |");
            foreach (var (step, interval) in Steps.Zip(result.Calibration))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {step:N0}/s | {interval.Rate:N0}/s | {interval.P99Ms:N1} ms | {interval.Errors} |");
            }

            text.AppendLine();
        }

        text.AppendLine("| minute | served | p50 | p99 | errors | server memory |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var minute in all.GroupBy(i => (int)Math.Ceiling(i.AtSeconds / 60)))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {minute.Key} | {minute.Average(i => i.Rate):N0}/s | {minute.Max(i => i.P50Ms):N1} ms | {minute.Max(i => i.P99Ms):N1} ms | {minute.Sum(i => i.Errors)} | {minute.Max(i => i.RssBytes) / 1048576.0:N0} MiB |");
        }

        return text.ToString();
    }
}

public sealed record Interval(double AtSeconds, double Rate, double P50Ms, double P99Ms, int Errors, long RssBytes);

public sealed record LoadRunResult(int Rate, double Seconds, IReadOnlyList<Interval> Calibration, IReadOnlyList<Interval> Intervals);
