using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Lineage.Bench;

/// <summary>
/// <c>bench/run ingest [S|M|L]</c> (M by default): OpenLineage events posted to
/// <c>/api/v1/lineage</c> of a server already holding the generated graph of that size. Two
/// workloads, after an unrecorded warm-up: batches of 1,000 events (newline-delimited), one
/// request at a time; then 8 emitters sending one event per request at once, as OpenLineage's
/// HTTP transport does. Each run is a START (two inputs of a shared pool) and a COMPLETE (one
/// output, a new version each time), with schema and version facets.
/// </summary>
public static class IngestBench
{
    private const int BatchSize = 1000;
    private const int Batches = 10;
    private const int Emitters = 8;
    private const int EventsPerEmitter = 250;
    private const string Producer = "https://github.com/OpenLineage/OpenLineage/tree/1.40.0/client/python";

    public static async Task<IngestBenchResult> RunAsync(string serverDll, string dataDirectory, BenchSize size, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        await BenchmarkRunner.GenerateAsync(new BenchOptions(size, dataDirectory), log, CancellationToken.None).ConfigureAwait(false);
        await using var server = await HttpBench.StartAsync(serverDll, dataDirectory, 5900 + Random.Shared.Next(500), log).ConfigureAwait(false);
        var endpoint = new Uri($"api/v1/lineage?namespace={GraphGenerator.Namespace}", UriKind.Relative);
        var next = 0;

        log.WriteLine("warm-up: one batch of 1,000 events and 200 single events, not recorded");
        await PostAsync(server.Client, endpoint, Lines(Events(ref next, BatchSize))).ConfigureAwait(false);
        foreach (var e in Events(ref next, 200))
        {
            await PostAsync(server.Client, endpoint, e.ToJsonString()).ConfigureAwait(false);
        }

        var batchTimes = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var b = 0; b < Batches; b++)
        {
            var body = Lines(Events(ref next, BatchSize));
            var started = Stopwatch.GetTimestamp();
            await PostAsync(server.Client, endpoint, body).ConfigureAwait(false);
            batchTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            log.WriteLine($"batch {b + 1}/{Batches}: {BatchSize:N0} events in {batchTimes[^1]:N0} ms");
        }

        var batchSeconds = batchTimes.Sum() / 1000;

        var streams = Enumerable.Range(0, Emitters).Select(_ => Events(ref next, EventsPerEmitter).Select(e => e.ToJsonString()).ToList()).ToList();
        var singleTimes = new List<double>();
        clock.Restart();
        await Task.WhenAll(streams.Select(async stream =>
        {
            using var http = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
            var times = new List<double>(stream.Count);
            foreach (var e in stream)
            {
                var started = Stopwatch.GetTimestamp();
                await PostAsync(http, endpoint, e).ConfigureAwait(false);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            lock (singleTimes)
            {
                singleTimes.AddRange(times);
            }
        })).ConfigureAwait(false);
        var singleSeconds = clock.Elapsed.TotalSeconds;
        log.WriteLine($"{Emitters} emitters: {Emitters * EventsPerEmitter:N0} events in {singleSeconds:N1} s");

        batchTimes.Sort();
        singleTimes.Sort();
        return new IngestBenchResult(
            size.Name,
            DateTimeOffset.UtcNow,
            $"{Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}",
            Batches * BatchSize,
            batchSeconds,
            Batches * BatchSize / batchSeconds,
            Percentile(batchTimes, 0.5),
            batchTimes[^1],
            Emitters,
            Emitters * EventsPerEmitter,
            singleSeconds,
            Emitters * EventsPerEmitter / singleSeconds,
            Percentile(singleTimes, 0.5),
            Percentile(singleTimes, 0.99),
            server.PeakRssBytes());
    }

    public static string Markdown(IngestBenchResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Into the size {r.Size} graph; {r.Machine}. Server peak memory {r.PeakRssBytes / 1048576.0:N0} MiB.");
        text.AppendLine();
        text.AppendLine("| workload | events | events/s | request p50 | request p99 (worst batch) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| batches of {BatchSize:N0} (NDJSON), one request at a time | {r.BatchEvents:N0} | **{r.BatchEventsPerSecond:N0}** | {r.BatchP50Ms:N0} ms | {r.BatchWorstMs:N0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| one event per request, {r.Emitters} emitters at once | {r.SingleEvents:N0} | **{r.SingleEventsPerSecond:N0}** | {r.SingleP50Ms:N1} ms | {r.SingleP99Ms:N1} ms |");
        return text.ToString();
    }

    private static async Task PostAsync(HttpClient http, Uri endpoint, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(body.Contains('\n', StringComparison.Ordinal) ? "application/x-ndjson" : "application/json");
        using var response = await http.PostAsync(endpoint, content).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"an event was refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    private static string Lines(IEnumerable<JsonObject> events) => string.Join('\n', events.Select(e => e.ToJsonString())) + "\n";

    /// <summary>The next <paramref name="count"/> events: runs from <paramref name="next"/> on, each a START then a COMPLETE.</summary>
    private static List<JsonObject> Events(ref int next, int count)
    {
        var events = new List<JsonObject>(count);
        while (events.Count < count)
        {
            var run = next++;
            var id = new Guid(run, 0, 0, [0x80, 0, 0, 0, 0, 0, 0, 9]).ToString();
            var job = $"job-{run % 20}";
            events.Add(Event("START", id, job, [Dataset($"raw-{run % 200}", "1"), Dataset($"raw-{(run * 7 + 3) % 200}", "1")], []));
            events.Add(Event("COMPLETE", id, job, [], [Dataset($"derived-{run % 500}", run.ToString(CultureInfo.InvariantCulture))]));
        }

        return events;
    }

    private static JsonObject Event(string type, string runId, string job, JsonObject[] inputs, JsonObject[] outputs) => new()
    {
        ["eventType"] = type,
        ["eventTime"] = "2026-12-04T10:15:00Z",
        ["run"] = new JsonObject { ["runId"] = runId },
        ["job"] = new JsonObject { ["namespace"] = "bench-etl", ["name"] = job },
        ["inputs"] = new JsonArray([.. inputs]),
        ["outputs"] = new JsonArray([.. outputs]),
        ["producer"] = Producer,
        ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    };

    private static JsonObject Dataset(string name, string version) => new()
    {
        ["namespace"] = "postgres://warehouse:5432",
        ["name"] = $"analytics.public.{name}",
        ["facets"] = new JsonObject
        {
            ["version"] = new JsonObject
            {
                ["_producer"] = Producer,
                ["_schemaURL"] = "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet",
                ["datasetVersion"] = version,
            },
            ["schema"] = new JsonObject
            {
                ["_producer"] = Producer,
                ["_schemaURL"] = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
                ["fields"] = new JsonArray([.. new[] { "id", "customer_id", "amount", "currency", "created_at" }
                    .Select(f => (JsonNode)new JsonObject { ["name"] = f, ["type"] = "VARCHAR" })]),
            },
        },
    };

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>What <c>bench/run ingest</c> measured, as written to bench/results/ingest-&lt;size&gt;.json.</summary>
public sealed record IngestBenchResult(
    string Size,
    DateTimeOffset At,
    string Machine,
    int BatchEvents,
    double BatchSeconds,
    double BatchEventsPerSecond,
    double BatchP50Ms,
    double BatchWorstMs,
    int Emitters,
    int SingleEvents,
    double SingleSeconds,
    double SingleEventsPerSecond,
    double SingleP50Ms,
    double SingleP99Ms,
    long PeakRssBytes);
