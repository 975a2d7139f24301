using System.Diagnostics;
using Lineage.Application;
using Lineage.Bench.Baselines;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Sqlite;
using Lineage.Store;

namespace Lineage.Bench;

/// <summary>
/// Generates the graph of one size into a fresh database through the store API, then asks the
/// same lineage questions of the store, of a recursive CTE over the same file and of BFS over
/// integer arrays built from it, checks that all three agree, and times them; finally, if a
/// server build is given, measures the service over HTTP.
/// </summary>
public static class BenchmarkRunner
{
    private static readonly Actor Loader = Actor.System("bench");

    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (Directory.Exists(options.DataDirectory))
        {
            // Start from an empty database, but never delete anything a benchmark did not make.
            var foreign = Directory.EnumerateFileSystemEntries(options.DataDirectory)
                .FirstOrDefault(f => !Path.GetFileName(f).StartsWith("lineage.db", StringComparison.Ordinal));
            if (foreign is not null)
            {
                throw new InvalidOperationException($"{options.DataDirectory} holds {foreign}, which is not a benchmark database: choose an empty or new directory");
            }

            Directory.Delete(options.DataDirectory, recursive: true);
        }

        var store = await OpenAsync(options.DataDirectory, cancellationToken).ConfigureAwait(false);
        var (runs, versions, edges, seconds) = await IngestAsync(store, options, log, cancellationToken).ConfigureAwait(false);
        var cost = store.CycleCheckCost;
        log.WriteLine($"ingest: {edges:N0} edges in {seconds:N1} s = {edges / seconds:N0} edges/s; {cost.Checks:N0} cycle checks, {cost.Total.TotalMicroseconds / Math.Max(1, cost.Checks):N1} µs each");
        await LinkAsync(store, options, cancellationToken).ConfigureAwait(false);
        store.Database.Dispose();

        // Let the loading store's graph go: the questions are asked of a fresh one.
        store = null!;

        // A fresh store on the same file: how long the in-memory graph takes to load.
        var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = options.DataDirectory });
        var fresh = new SqliteLineageStore(database, TimeProvider.System);
        var load = Stopwatch.StartNew();
        await fresh.LoadGraphAsync(cancellationToken).ConfigureAwait(false);
        var loadSeconds = load.Elapsed.TotalSeconds;
        log.WriteLine($"graph load: {loadSeconds:N2} s for {fresh.Graph.RunCount + fresh.Graph.VersionCount:N0} nodes, {fresh.Graph.EdgeCount:N0} edges");

        var questions = await AskAsync(fresh, database.DatabasePath, options, log, cancellationToken).ConfigureAwait(false);
        database.Dispose();
        HttpResult? http = null;
        IReadOnlyList<WebResult>? web = null;
        AnswerMemoryResult? answer = null;
        if (options.ServerDll is not null)
        {
            (http, web) = await HttpAsync(options, log).ConfigureAwait(false);
            answer = await AnswerMemory.RunAsync(options.DataDirectory, log).ConfigureAwait(false);
        }

        return new BenchResult(
            options.Size.Name,
            options.Seed,
            DateTimeOffset.UtcNow,
            $"{Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}",
            runs,
            versions,
            edges,
            seconds,
            edges / seconds,
            cost.Checks,
            cost.Total.TotalMicroseconds / Math.Max(1, cost.Checks),
            loadSeconds,
            questions,
            http,
            web,
            answer);
    }

    /// <summary>Generates the graph of <paramref name="options"/> into a fresh database and closes it, for a server to open.</summary>
    public static async Task GenerateAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (Directory.Exists(options.DataDirectory) && Directory.EnumerateFileSystemEntries(options.DataDirectory).Any())
        {
            throw new InvalidOperationException($"{options.DataDirectory} is not empty: choose an empty or new directory");
        }

        var store = await OpenAsync(options.DataDirectory, cancellationToken).ConfigureAwait(false);
        var (_, _, edges, seconds) = await IngestAsync(store, options, log, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"generated {options.Size.Name}: {edges:N0} edges in {seconds:N1} s");
        await LinkAsync(store, options, cancellationToken).ConfigureAwait(false);
        store.Database.Dispose();
    }

    internal static async Task<SqliteLineageStore> OpenAsync(string directory, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = directory });
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var store = new SqliteLineageStore(database, TimeProvider.System);
        await EnsureNamespaceAsync(store, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Runs are recorded in namespaces that exist: the generated graph's is made first.</summary>
    internal static async Task EnsureNamespaceAsync<TStore>(TStore store, CancellationToken cancellationToken)
        where TStore : IIdentityStore, IStoreSessionSource
    {
        if (await new Identities(store, store, TimeProvider.System).FindNamespaceAsync(GraphGenerator.Namespace, Access.Administrator, cancellationToken).ConfigureAwait(false) is null)
        {
            await new Identities(store, store, TimeProvider.System).CreateNamespaceAsync(new CreateNamespaceCommand(GraphGenerator.Namespace, NamespaceKind.Organization, null), Loader, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<(long Runs, long Versions, long Edges, double Seconds)> IngestAsync(
        ILineageStore store, BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var total = new GraphGenerator(options.Size, options.Seed).Writes().LongCount();
        var progress = new Progress(log, $"ingest {options.Size.Name}", total);
        var (runs, versions, edges, done) = (0L, 0L, 0L, 0L);
        var batch = new List<ILineageWrite>(options.BatchSize);
        var clock = Stopwatch.StartNew();
        foreach (var write in new GraphGenerator(options.Size, options.Seed).Writes())
        {
            batch.Add(write);
            if (batch.Count == options.BatchSize)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }

        await FlushAsync().ConfigureAwait(false);
        progress.Report(done, $"{edges:N0} edges, {edges / clock.Elapsed.TotalSeconds:N0}/s", final: true);
        return (runs, versions, edges, clock.Elapsed.TotalSeconds);

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var result = await new LineageWrites(store).IngestAsync(batch, Loader, cancellationToken).ConfigureAwait(false);
            (runs, versions, edges, done) = (runs + result.Runs, versions + result.Versions, edges + result.Edges, done + batch.Count);
            batch.Clear();
            progress.Report(done, $"{edges:N0} edges, {edges / clock.Elapsed.TotalSeconds:N0}/s");
        }
    }

    /// <summary>Registry work on top: the best sweep models linked into a collection, production moved among them.</summary>
    internal static async Task LinkAsync<TStore>(TStore store, BenchOptions options, CancellationToken cancellationToken)
        where TStore : IIdentityStore, IRegistryStore, IStoreSessionSource
    {
        await new Identities(store, store, TimeProvider.System).CreateRegistryAsync(new CreateRegistryCommand(GraphGenerator.Namespace, "models", RegistryVisibility.Organization), Loader, cancellationToken).ConfigureAwait(false);
        await new Registries(store, store).CreateCollectionAsync(new CreateCollectionCommand(new ProjectPath(GraphGenerator.Namespace, "models"), "sweep-best", "model", null), Loader, cancellationToken).ConfigureAwait(false);
        var collection = CollectionPath.Parse($"{GraphGenerator.Namespace}/models/sweep-best");
        foreach (var (model, promote) in new GraphGenerator(options.Size, options.Seed).Links())
        {
            var linked = await new Registries(store, store).LinkArtifactAsync(new LinkArtifactCommand(VersionRef.Parse(model), collection, []), Loader, cancellationToken).ConfigureAwait(false);
            if (promote)
            {
                await new LineageWrites(store).AddAliasAsync(new AliasCommand(VersionRef.Parse(linked.QualifiedName), "production"), Loader, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<List<QuestionResult>> AskAsync(
        SqliteLineageStore store, string databasePath, BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var generator = new GraphGenerator(options.Size, options.Seed);
        var hub = await IdAsync(store, GraphGenerator.Hub, cancellationToken).ConfigureAwait(false);
        var model = await IdAsync(store, generator.TypicalModel, cancellationToken).ConfigureAwait(false);
        var leaf = await IdAsync(store, generator.DeepLeaf, cancellationToken).ConfigureAwait(false);
        using var cte = new CteBaseline(databasePath);
        var arrays = new ArrayBaseline(databasePath);
        var budget = options.QuestionBudget ?? TimeSpan.FromSeconds(10);
        var all = Access.Administrator;
        var results = new List<QuestionResult>();

        // 1 hop: the first page of the hub's users, with their records.
        var usedBy = await store.GetPagesAsync(Relation.UsedBy, [hub], new PageRequest(100), all, cancellationToken).ConfigureAwait(false);
        Agree("usedBy", usedBy[hub].Items.Select(i => (1, i.Value)), cte.UsedBy(hub, 100).Select(r => (r.Kind, r.Id)), null);
        results.Add(new QuestionResult(
            "usedBy",
            "1-hop usedBy, first page of 100, of the hub",
            usedBy[hub].Items.Count,
            await Latency.MeasureAsync(async () =>
            {
                var page = await store.GetPagesAsync(Relation.UsedBy, [hub], new PageRequest(100), all, cancellationToken).ConfigureAwait(false);
                await store.GetRunsAsync([.. page[hub].Items.Select(i => i.Value)], cancellationToken).ConfigureAwait(false);
            }, 50, 20_000, budget, options.Warmup).ConfigureAwait(false),
            Latency.Measure(() => cte.UsedBy(hub, 100), 50, 20_000, budget, options.Warmup),
            Latency.Measure(() => arrays.FirstNeighbours(arrays.Version(hub), downstream: true, 100), 50, 20_000, budget, options.Warmup)));

        results.Add(await QuestionAsync(
            "lineage3", "3-hop lineage (both directions) from a typical model",
            new LineageQuery(NodeRef.Version(model), LineageDirection.Both, 3, null, null, 1_000),
            () => cte.Neighbourhood(model, 3),
            () => arrays.Walk(arrays.Version(model), true, 3).Union(arrays.Walk(arrays.Version(model), false, 3)).ToList()).ConfigureAwait(false));
        results.Add(await QuestionAsync(
            "upstream", "full upstream closure from a deep-chain leaf",
            new LineageQuery(NodeRef.Version(leaf), LineageDirection.Upstream, int.MaxValue, null, null, int.MaxValue),
            () => cte.Upstream(leaf),
            () => arrays.Walk(arrays.Version(leaf), false, int.MaxValue)).ConfigureAwait(false));
        results.Add(await QuestionAsync(
            "downstream", "full downstream closure from the hub",
            new LineageQuery(NodeRef.Version(hub), LineageDirection.Downstream, int.MaxValue, null, null, int.MaxValue),
            () => cte.Downstream(hub),
            () => arrays.Walk(arrays.Version(hub), true, int.MaxValue)).ConfigureAwait(false));
        return results;

        async Task<QuestionResult> QuestionAsync(string key, string question, LineageQuery query, Func<List<(int Kind, long Id, string Name)>> viaCte, Func<List<int>> viaArrays)
        {
            var ours = await store.GetLineageAsync(query, all, cancellationToken).ConfigureAwait(false);
            Agree(key, ours.Nodes.Select(n => (n.Node.Kind == NodeKind.Run ? 1 : 0, n.Node.Id)), viaCte().Select(r => (r.Kind, r.Id)), viaArrays().Select(arrays.Describe));
            log.WriteLine($"{key}: {ours.Nodes.Count:N0} nodes; store, CTE and arrays agree");
            return new QuestionResult(
                key,
                question,
                ours.Nodes.Count,
                await Latency.MeasureAsync(() => store.GetLineageAsync(query, all, cancellationToken), 5, 20_000, budget, options.Warmup).ConfigureAwait(false),
                Latency.Measure(() => viaCte(), 3, 20_000, budget, options.Warmup),
                Latency.Measure(() => viaArrays(), 5, 20_000, budget, options.Warmup));
        }
    }

    private static void Agree(string question, IEnumerable<(int, long)> ours, IEnumerable<(int, long)> cte, IEnumerable<(int, long)>? arrays)
    {
        var expected = ours.ToHashSet();
        if (!expected.SetEquals(cte) || (arrays is not null && !expected.SetEquals(arrays)))
        {
            throw new InvalidOperationException($"{question}: the store, the CTE and the arrays disagree about which nodes answer it");
        }
    }

    internal static async Task<long> IdAsync(ILineageStore store, string name, CancellationToken cancellationToken) =>
        (await store.FindVersionAsync(VersionRef.Parse(name), Access.Administrator, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{name} was not generated")).Id;

    private static async Task<(HttpResult Http, IReadOnlyList<WebResult>? Web)> HttpAsync(BenchOptions options, TextWriter log)
    {
        var port = 5400 + Random.Shared.Next(500);
        await using var server = await HttpBench.StartAsync(options.ServerDll!, options.DataDirectory, port, log).ConfigureAwait(false);
        log.WriteLine($"server: up in {server.StartupSeconds:N2} s");
        var duration = options.LoadDuration ?? TimeSpan.FromSeconds(10);
        var generator = new GraphGenerator(options.Size, options.Seed);
        // Every query as the administrator, then as a member of the namespace: access checks are part of the cost.
        var member = await server.MemberKeyAsync("bench-member", GraphGenerator.Namespace).ConfigureAwait(false);

        // A freshly started server is still compiling its hot paths: one untimed pass over the
        // suite first, so that the first queries measured are not measured cold.
        foreach (var (key, query) in DashboardSuite.Queries(generator))
        {
            await server.LoadAsync(key, query, options.Connections, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        // Three rounds of the whole suite, each query a third of the time per round, and the
        // median round kept per query: a machine that slows for a few seconds then slows one
        // round of every query alike instead of all of one query's time.
        const int rounds = 3;
        var callers = new[] { ((string?)null, "admin"), (member, "member") };
        var measured = new Dictionary<(string Key, string As), List<LoadResult>>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (apiKey, principal) in callers)
            {
                foreach (var (key, query) in DashboardSuite.Queries(generator))
                {
                    var load = await server.LoadAsync(key, query, options.Connections, duration / rounds, apiKey, principal).ConfigureAwait(false);
                    if (!measured.TryGetValue((key, principal), out var each))
                    {
                        measured[(key, principal)] = each = [];
                    }

                    each.Add(load);
                    log.WriteLine($"http {key} as {principal}, round {round} of {rounds}: {load.RequestsPerSecond:N0} req/s, p50 {load.P50Ms:N1} ms, p99 {load.P99Ms:N1} ms, {load.Errors} errors");
                }
            }
        }

        var loads = callers
            .SelectMany(c => DashboardSuite.Queries(generator).Select(q => measured[(q.Key, c.Item2)]))
            .Select(each => each.OrderBy(l => l.RequestsPerSecond).ElementAt(each.Count / 2) with { Errors = each.Sum(l => l.Errors) })
            .ToList();
        foreach (var load in loads)
        {
            log.WriteLine($"http {load.Key} as {load.As}, median round: {load.RequestsPerSecond:N0} req/s, p50 {load.P50Ms:N1} ms, p99 {load.P99Ms:N1} ms");
        }

        var result = new HttpResult(HttpBench.LoadGenerator, options.Connections, server.StartupSeconds, server.PeakRssBytes(), loads);

        // The web page on the same server: the hub's downstream lineage two hops deep, cut at 2,000 nodes.
        var web = options.Web ? await WebBench.RunAsync(server.BaseUrl, server.Key, GraphGenerator.Hub, 2000, 5, log).ConfigureAwait(false) : null;
        return (result, web);
    }
}
