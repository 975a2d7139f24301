using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Lineage.Bench;

/// <summary>
/// <c>bench/run memory [--server DLL] [--loggers N] [--rounds N]</c>: the requests that once took
/// the server from 130 MB to gigabytes, sent four at a time to a server whose one dataset
/// version has thousands of loggers, while the server's resident memory is sampled. It drives
/// any build (<c>--server</c>), so that one binary before a change and one after are measured
/// the same way; the documents follow the schema the server serves (a list of loggers, or a
/// connection). A reliability test runs it and holds the peak under a gibibyte.
/// </summary>
public static class MemoryAttack
{
    public const string Target = "acme/attack/dataset:v0";

    private const int Concurrency = 4;

    /// <summary>Seeds a fresh server, attacks it and reports what its memory did.</summary>
    public static async Task<MemoryResult> RunAsync(string serverDll, string dataDirectory, int loggers, int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        await using var server = await HttpBench.StartAsync(serverDll, dataDirectory, FreePort(), log).ConfigureAwait(false);
        var http = server.Client;
        var seeded = Stopwatch.StartNew();
        await SeedAsync(http, loggers, log, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"memory: {loggers:N0} loggers seeded in {seeded.Elapsed.TotalSeconds:F1} s");

        // Settle, then take the resting size.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        var baseline = server.RssBytes();
        var paged = await LoggersArePagedAsync(http, cancellationToken).ConfigureAwait(false);
        var documents = Documents(paged);

        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.RssBytes());
                await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
            }
        }, CancellationToken.None);

        var attack = Stopwatch.StartNew();
        var sent = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, document) in documents)
            {
                var answers = await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => SendAsync(http, document, cancellationToken))).ConfigureAwait(false);
                foreach (var answer in answers)
                {
                    var key = $"{name}: {answer}";
                    outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
                    sent++;
                }
            }

            log.WriteLine($"memory: round {round + 1} of {rounds}, peak so far {peak / 1048576.0:N0} MiB");
        }

        var attackSeconds = attack.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        var after = server.RssBytes();
        return new MemoryResult(loggers, sent, Concurrency, paged, baseline, peak, server.PeakRssBytes(), after, attackSeconds, outcomes);
    }

    public static string Markdown(MemoryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{result.Requests} attack requests, {result.Concurrency} at a time, against a version with {result.Loggers:N0} loggers ({(result.LoggersPaged ? "loggers a connection" : "loggers a plain list")}):");
        text.AppendLine(CultureInfo.InvariantCulture, $"resident memory {Mib(result.BaselineBytes)} before, peak {Mib(result.PeakBytes)} during (VmHWM {Mib(result.HighWaterBytes)}), {Mib(result.AfterBytes)} ten seconds after; {result.AttackSeconds:F1} s of attack.");
        foreach (var (outcome, count) in result.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {count} × {outcome}");
        }

        return text.ToString();
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MiB");

    /// <summary>
    /// One dataset version logged by <paramref name="loggers"/> runs, each with a small config,
    /// through the API in documents of 50 runs; and a downstream chain for lineage to walk.
    /// </summary>
    private static async Task SeedAsync(HttpClient http, int loggers, TextWriter log, CancellationToken cancellationToken)
    {
        // Servers before namespaces were made on purpose make one on first use; newer ones need it made.
        await PostAsync(http, """mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""", cancellationToken).ConfigureAwait(false);
        const int batch = 50;
        for (var first = 0; first < loggers; first += batch)
        {
            var document = new StringBuilder("mutation {");
            for (var i = first; i < Math.Min(loggers, first + batch); i++)
            {
                document.Append(CultureInfo.InvariantCulture,
                    $" c{i}: createRun(input: {{ project: \"acme/attack\", name: \"logger-{i}\", jobType: \"upload\", config: {{ seed: {i}, source: \"s3://bucket/raw/part-{i}\", note: \"one of many runs that logged the same content\" }} }}) {{ name }}");
                document.Append(CultureInfo.InvariantCulture,
                    $" l{i}: logArtifact(input: {{ run: \"acme/attack/logger-{i}\", name: \"dataset\", type: \"dataset\", digest: \"sha256:same\" }}) {{ version }}");
            }

            var answer = await PostAsync(http, document.Append(" }").ToString(), cancellationToken).ConfigureAwait(false);
            if (answer.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"seeding failed: {answer[..Math.Min(answer.Length, 500)]}");
            }

            if (first % 5000 == 0)
            {
                log.WriteLine($"memory: seeded {first:N0} of {loggers:N0} loggers");
            }
        }
    }

    private static async Task<bool> LoggersArePagedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var answer = await PostAsync(http, """{ __type(name: "ArtifactVersion") { fields { name args { name } } } }""", cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("data").GetProperty("__type").GetProperty("fields").EnumerateArray()
            .Any(f => f.GetProperty("name").GetString() == "loggers" && f.GetProperty("args").GetArrayLength() > 0);
    }

    /// <summary>The attack documents, in the shape the server's schema takes.</summary>
    private static List<(string Name, string Document)> Documents(bool paged)
    {
        var loggers = paged ? "loggers(first: 1000) { nodes { path config createdBy project { path } } }" : "loggers { path config createdBy project { path } }";
        var documents = new List<(string, string)>
        {
            ("150 aliases of loggers", Aliases(150, $"artifact(name: \"{Target}\") {{ {loggers} }}")),
            ("60 aliases of lineage with maxNodes 50000", Aliases(60, $"lineage(start: \"{Target}\", maxNodes: 50000) {{ nodes {{ id kind name hops }} edges {{ from to kind }} }}")),
        };
        if (paged)
        {
            // The most the cost limit lets through of each.
            documents.Add(("35 aliases of 1000 loggers", Aliases(35, $"artifact(name: \"{Target}\") {{ {loggers} }}")));
            documents.Add(("one lineage with maxNodes 50000", $"{{ lineage(start: \"{Target}\", maxNodes: 50000) {{ truncated nodes {{ id kind name path type hops }} edges {{ from to kind }} }} }}"));
        }

        return documents;
    }

    private static string Aliases(int count, string field) =>
        "{ " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}: {field}")) + " }";

    /// <summary>What the server answered, in short: its status, and the error code and limit, or the size of the data.</summary>
    private static async Task<string> SendAsync(HttpClient http, string document, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("graphql", new { query = document }, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            try
            {
                using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
                if (json.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
                {
                    var extensions = errors[0].GetProperty("extensions");
                    return $"HTTP {code} {extensions.GetProperty("code").GetString()}" +
                           (extensions.TryGetProperty("limit", out var limit) ? $" ({limit.GetString()})" : "");
                }
            }
            catch (JsonException)
            {
                return $"HTTP {code}, {body.Length / 1048576.0:N0} MiB that is not JSON";
            }

            return $"HTTP {code}, answered ({Math.Round(body.Length / 1048576.0, 0).ToString(CultureInfo.InvariantCulture)} MiB)";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"no answer ({e.GetType().Name})";
        }
    }

    private static async Task<string> PostAsync(HttpClient http, string document, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("graphql", new { query = document }, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What one memory attack measured; sizes in bytes.</summary>
public sealed record MemoryResult(
    int Loggers,
    int Requests,
    int Concurrency,
    bool LoggersPaged,
    long BaselineBytes,
    long PeakBytes,
    long HighWaterBytes,
    long AfterBytes,
    double AttackSeconds,
    IReadOnlyDictionary<string, int> Outcomes);
