using System.Globalization;
using System.Text;
using Lineage.Application;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Neo4j;
using Lineage.Store;

namespace Lineage.Bench;

/// <summary>
/// <c>bench/run &lt;S|M|L&gt; --store neo4j [--erase]</c>: the same generated graph and the same
/// questions as the SQLite benchmark, on the Neo4j server LINEAGE_NEO4J_URL names (with
/// LINEAGE_NEO4J_USER, LINEAGE_NEO4J_PASSWORD or LINEAGE_NEO4J_TOKEN, LINEAGE_NEO4J_DATABASE).
/// It writes through the store API and counts the HTTP requests each write costs, then checks
/// every answer against the SQLite store holding the same graph, and times the questions.
/// </summary>
public static class Neo4jBench
{
    /// <summary>Writes a Neo4j transaction carries: one transaction per batch, well inside the server's transaction timeout.</summary>
    private const int BatchSize = 100;

    public static async Task<Neo4jBenchResult> RunAsync(BenchOptions options, bool erase, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var settings = Neo4jStoreOptions.FromSettings(Environment.GetEnvironmentVariable);
        var requests = new CountingHandler(new SocketsHttpHandler());
        using var client = new Neo4jClient(settings, requests);
        var store = new Neo4jLineageStore(client, TimeProvider.System);
        await store.SetUpSchemaAsync(cancellationToken).ConfigureAwait(false);
        var version = await client.ServerVersionAsync(cancellationToken).ConfigureAwait(false);
        log.WriteLine($"neo4j: {settings} (Neo4j {version})");

        var identities = new Identities(store, store, TimeProvider.System);
        if (await identities.FindNamespaceAsync(GraphGenerator.Namespace, Access.Administrator, cancellationToken).ConfigureAwait(false) is not null)
        {
            if (!erase)
            {
                throw new InvalidOperationException(
                    $"{settings} already holds the namespace '{GraphGenerator.Namespace}': point LINEAGE_NEO4J_URL at an empty database, or pass --erase to empty this one first (everything in it is deleted)");
            }

            await client.RunAsync(CypherCatalog.Get("maintenance/erase-everything"), [], cancellationToken).ConfigureAwait(false);
            await store.SetUpSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        await BenchmarkRunner.EnsureNamespaceAsync(store, cancellationToken).ConfigureAwait(false);
        var before = requests.Count;
        var writes = new GraphGenerator(options.Size, options.Seed).Writes().LongCount();
        var (runs, versions, edges, seconds) = await BenchmarkRunner.IngestAsync(store, options with { BatchSize = BatchSize }, log, cancellationToken).ConfigureAwait(false);
        var perWrite = (double)(requests.Count - before) / writes;
        log.WriteLine($"ingest on neo4j: {edges:N0} edges in {seconds:N1} s = {edges / seconds:N0} edges/s; {perWrite:N1} requests a write");
        await BenchmarkRunner.LinkAsync(store, options, cancellationToken).ConfigureAwait(false);

        // The reference: the same graph in SQLite, whose answers the SQLite benchmark checks
        // against a recursive CTE and BFS over arrays.
        var directory = Path.Combine(Path.GetTempPath(), $"lineage-neo4j-reference-{Environment.ProcessId}");
        try
        {
            var reference = await BenchmarkRunner.OpenAsync(directory, cancellationToken).ConfigureAwait(false);
            await BenchmarkRunner.IngestAsync(reference, options, TextWriter.Null, cancellationToken).ConfigureAwait(false);
            var questions = await AskAsync(store, reference, options, log, cancellationToken).ConfigureAwait(false);
            reference.Database.Dispose();
            return new Neo4jBenchResult(
                options.Size.Name, options.Seed, DateTimeOffset.UtcNow, version,
                runs, versions, edges, seconds, edges / seconds, perWrite, client.Retries, questions);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<List<Neo4jQuestionResult>> AskAsync(
        ILineageStore neo4j, ILineageStore reference, BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var generator = new GraphGenerator(options.Size, options.Seed);
        var all = Access.Administrator;
        var budget = options.QuestionBudget ?? TimeSpan.FromSeconds(10);
        var results = new List<Neo4jQuestionResult>();

        var hub = await BenchmarkRunner.IdAsync(neo4j, GraphGenerator.Hub, cancellationToken).ConfigureAwait(false);
        var referenceHub = await BenchmarkRunner.IdAsync(reference, GraphGenerator.Hub, cancellationToken).ConfigureAwait(false);
        async Task<List<string>> UsedByAsync(ILineageStore store, long version)
        {
            var page = await store.GetPagesAsync(Relation.UsedBy, [version], new PageRequest(100), all, cancellationToken).ConfigureAwait(false);
            var named = await store.GetRunsAsync([.. page[version].Items.Select(i => i.Value)], cancellationToken).ConfigureAwait(false);
            return [.. named.Select(r => r.Path)];
        }

        var usedBy = await UsedByAsync(neo4j, hub).ConfigureAwait(false);
        Agree("usedBy", usedBy, await UsedByAsync(reference, referenceHub).ConfigureAwait(false));
        results.Add(new Neo4jQuestionResult(
            "usedBy", "1-hop usedBy, first page of 100, of the hub, with the runs' records", usedBy.Count,
            await Latency.MeasureAsync(() => UsedByAsync(neo4j, hub), 20, 2_000, budget, options.Warmup).ConfigureAwait(false)));

        foreach (var (key, question, start, direction, depth) in new[]
        {
            ("lineage3", "3-hop lineage (both directions) from a typical model", generator.TypicalModel, LineageDirection.Both, 3),
            ("upstream", "full upstream closure from a deep-chain leaf", generator.DeepLeaf, LineageDirection.Upstream, int.MaxValue),
            ("downstream", "full downstream closure from the hub", GraphGenerator.Hub, LineageDirection.Downstream, int.MaxValue),
        })
        {
            LineageQuery Query(long id) => new(NodeRef.Version(id), direction, depth, null, null, depth == 3 ? 1_000 : int.MaxValue);
            var query = Query(await BenchmarkRunner.IdAsync(neo4j, start, cancellationToken).ConfigureAwait(false));
            var ours = await neo4j.GetLineageAsync(query, all, cancellationToken).ConfigureAwait(false);
            var expected = await reference.GetLineageAsync(Query(await BenchmarkRunner.IdAsync(reference, start, cancellationToken).ConfigureAwait(false)), all, cancellationToken).ConfigureAwait(false);
            Agree(key, ours.Nodes.Select(n => $"{n.Node.Kind} {n.Path} {n.Hops}"), expected.Nodes.Select(n => $"{n.Node.Kind} {n.Path} {n.Hops}"));
            log.WriteLine($"{key}: {ours.Nodes.Count:N0} nodes; Neo4j and SQLite agree");
            results.Add(new Neo4jQuestionResult(
                key, question, ours.Nodes.Count,
                await Latency.MeasureAsync(() => neo4j.GetLineageAsync(query, all, cancellationToken), 5, 2_000, budget, options.Warmup).ConfigureAwait(false)));
        }

        return results;
    }

    private static void Agree(string question, IEnumerable<string> ours, IEnumerable<string> reference)
    {
        var expected = reference.ToHashSet(StringComparer.Ordinal);
        if (!expected.SetEquals(ours))
        {
            throw new InvalidOperationException($"{question}: the Neo4j store and the SQLite store disagree about which nodes answer it");
        }
    }

    public static string Table(Neo4jBenchResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Runs + r.Versions:N0} nodes ({r.Runs:N0} runs, {r.Versions:N0} versions), {r.Edges:N0} edges; Neo4j {r.ServerVersion}, seed {r.Seed}, {r.At:yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- ingest through the store API, {BatchSize} writes a transaction, cycle checks on: **{r.EdgesPerSecond:N0} edges/s** ({r.IngestSeconds:N1} s)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- HTTP requests a write, on average over the ingest: **{r.RequestsPerWrite:N1}**; requests retried: {r.Retries:N0}");
        text.AppendLine();
        text.AppendLine("| question | nodes | p50 | p99 |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var q in r.Questions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {q.Question} | {q.Nodes:N0} | {q.Latency.P50:N2} ms | {q.Latency.P99:N2} ms |");
        }

        return text.ToString();
    }

    /// <summary>Counts the requests the Neo4j client sends.</summary>
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>What <c>bench/run &lt;size&gt; --store neo4j</c> measured, as written to bench/results/neo4j/&lt;size&gt;.json.</summary>
public sealed record Neo4jBenchResult(
    string Size,
    int Seed,
    DateTimeOffset At,
    string ServerVersion,
    long Runs,
    long Versions,
    long Edges,
    double IngestSeconds,
    double EdgesPerSecond,
    double RequestsPerWrite,
    long Retries,
    IReadOnlyList<Neo4jQuestionResult> Questions);

/// <summary>One question asked of the Neo4j store, in ms.</summary>
public sealed record Neo4jQuestionResult(string Key, string Question, int Nodes, Latency Latency);
