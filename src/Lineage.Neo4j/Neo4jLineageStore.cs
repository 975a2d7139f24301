using Lineage.Lineage;
using Lineage.Store;

namespace Lineage.Neo4j;

/// <summary>
/// The store on Neo4j. Runs and artifact versions are nodes, <c>USED</c> and <c>LOGGED</c> are
/// relationships from runs to versions, and every statement is a file of <c>cypher/</c>.
/// Every write is one explicit transaction that first takes the write lock (cypher/lock/take),
/// so that its checks (cycles, names, aliases, the audit chain's head) and its changes happen
/// as if alone, under Neo4j's read-committed isolation.
/// </summary>
public sealed partial class Neo4jLineageStore : ILineageStore, IAtomicWorkSource
{
    private readonly Neo4jClient _client;
    private readonly TimeProvider _time;
    private readonly AsyncLocal<AtomicTransaction?> _atomic = new();

    public Neo4jLineageStore(Neo4jClient client, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _time = time;
    }

    /// <summary>The oldest Neo4j whose Cypher and Query API the statements of cypher/ need.</summary>
    public static readonly Version MinimumServerVersion = new(5, 26);

    /// <summary>
    /// Checks the server is recent enough, then creates the constraints and indexes that are
    /// missing; running it again changes nothing.
    /// </summary>
    public async Task SetUpSchemaAsync(CancellationToken cancellationToken)
    {
        var reported = await _client.ServerVersionAsync(cancellationToken).ConfigureAwait(false);
        if (!IsSupported(reported))
        {
            throw new Neo4jStoreException(
                $"Neo4j {reported} is too old: Lineage needs Neo4j {MinimumServerVersion.Major}.{MinimumServerVersion.Minor} or later (its Query API and Cypher)");
        }

        foreach (var statement in CypherCatalog.Folder("schema"))
        {
            await _client.RunAsync(statement, [], cancellationToken).ConfigureAwait(false);
        }

        // Once per database, data made before a change of shape gets the properties newer data is
        // made with: lower-cased names for search, and the ids of an edge's ends for its pages.
        await MigrateOnceAsync("search-names", CypherCatalog.Get("maintenance/search-names"), cancellationToken).ConfigureAwait(false);
        await MigrateOnceAsync("edge-ends", CypherCatalog.Get("maintenance/edge-ends"), cancellationToken).ConfigureAwait(false);
        await PlaceOnceAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives every run and version of a graph made before nodes held places its place in a
    /// topological order, unless the database records it as done. It runs in one transaction
    /// holding the write lock, so no write lands between reading the graph and placing it.
    /// </summary>
    private async Task PlaceOnceAsync(CancellationToken cancellationToken)
    {
        const string name = "lineage-places";
        var done = await _client.ReadAsync(CypherCatalog.Get("maintenance/migration-done"), [("name", name)], cancellationToken).ConfigureAwait(false);
        if (done.Rows.Count > 0 && done.Rows[0].Bool("done"))
        {
            return;
        }

        await _client.TransactAsync(CypherCatalog.Get("lock/take"), async tx =>
        {
            var s = new Neo4jSession(tx.RunAsync);
            if ((await s.RowAsync("maintenance/migration-done", cancellationToken, ("name", name)).ConfigureAwait(false))?.Bool("done") == true)
            {
                // Another instance starting at the same time placed the graph while this one waited for the lock.
                return 0;
            }

            var nodes = new List<NodeRef>();
            for (var (afterRun, afterVersion, read) = (0L, 0L, -1); read != 0;)
            {
                var page = await s.QueryAsync("maintenance/lineage-nodes", r => CypherAdjacencyReader.Node(r, "kind", "id"), cancellationToken,
                    ("afterRun", afterRun), ("afterVersion", afterVersion), ("limit", PlacingPage)).ConfigureAwait(false);
                nodes.AddRange(page);
                read = page.Count;
                afterRun = page.Where(n => n.Kind == NodeKind.Run).Select(n => n.Id).DefaultIfEmpty(afterRun).Max();
                afterVersion = page.Where(n => n.Kind == NodeKind.Artifact).Select(n => n.Id).DefaultIfEmpty(afterVersion).Max();
            }

            var edges = new List<(NodeRef, NodeRef)>();
            for (var (afterUsed, afterLogged, read) = (0L, 0L, -1); read != 0;)
            {
                var page = await s.QueryAsync("maintenance/lineage-edges", r => (Kind: r.String("kind"), Seq: r.Long("seq"), Edge: LineageEdge.Of(r.String("kind") == "USED" ? EdgeKind.Used : EdgeKind.Logged, r.Long("runId"), r.Long("versionId"))),
                    cancellationToken, ("afterUsed", afterUsed), ("afterLogged", afterLogged), ("limit", PlacingPage)).ConfigureAwait(false);
                edges.AddRange(page.Select(e => (e.Edge.From, e.Edge.To)));
                read = page.Count;
                afterUsed = page.Where(e => e.Kind == "USED").Select(e => e.Seq).DefaultIfEmpty(afterUsed).Max();
                afterLogged = page.Where(e => e.Kind == "LOGGED").Select(e => e.Seq).DefaultIfEmpty(afterLogged).Max();
            }

            var places = TopologicalSort.Places(nodes, edges);
            await new CypherOrderedGraph(s).MoveAsync(places, cancellationToken).ConfigureAwait(false);
            await s.RunAsync("maintenance/place-sequence", cancellationToken, ("last", (long)places.Count)).ConfigureAwait(false);
            await s.RunAsync("maintenance/migration-record", cancellationToken, ("name", name), ("at", Now())).ConfigureAwait(false);
            return places.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many nodes or edges of each kind one statement of the placing reads.</summary>
    internal const int PlacingPage = 10_000;

    /// <summary>
    /// Runs a one-time change of the database's data, in batches of <paramref name="batch"/>'s
    /// size until a batch changes nothing, unless the database records it as made.
    /// </summary>
    private async Task MigrateOnceAsync(string name, CypherStatement batch, CancellationToken cancellationToken)
    {
        var done = await _client.ReadAsync(CypherCatalog.Get("maintenance/migration-done"), [("name", name)], cancellationToken).ConfigureAwait(false);
        if (done.Rows.Count > 0 && done.Rows[0].Bool("done"))
        {
            return;
        }

        while (true)
        {
            var changed = await _client.RunAsync(batch, [("limit", 10_000)], cancellationToken).ConfigureAwait(false);
            if (changed.Rows.Count == 0 || changed.Rows[0].Long("updated") == 0)
            {
                break;
            }
        }

        await _client.RunAsync(CypherCatalog.Get("maintenance/migration-record"), [("name", name), ("at", Now())], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a reported version (<c>5.26.3</c>, <c>2025.06.0</c>, <c>5.26.0-aura</c>) is at least <see cref="MinimumServerVersion"/>.</summary>
    public static bool IsSupported(string reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var numbers = reported.Split('.', '-', '+').Take(2).Select(p => int.TryParse(p, out var n) ? n : -1).ToArray();
        return numbers.Length == 2 && numbers.All(n => n >= 0) && new Version(numbers[0], numbers[1]) >= MinimumServerVersion;
    }

    /// <summary>
    /// Begins a unit in which every store call of the calling flow joins one explicit
    /// transaction, opened with the write lock at the first write.
    /// </summary>
    public IAtomicWork Begin()
    {
        var work = new AtomicTransaction(_client);
        _atomic.Value = work;
        return work;
    }

    private Task<T> ReadAsync<T>(Func<Neo4jSession, Task<T>> work, CancellationToken cancellationToken) =>
        _atomic.Value is { IsOpen: true, Transaction: { } joined }
            ? work(new Neo4jSession(joined.RunAsync))
            : work(new Neo4jSession(_client.ReadAsync));

    private async Task<T> TransactAsync<T>(Func<Neo4jSession, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_atomic.Value is { IsOpen: true } atomic)
        {
            var transaction = await atomic.TransactionAsync(cancellationToken).ConfigureAwait(false);
            return await work(new Neo4jSession(transaction.RunAsync)).ConfigureAwait(false);
        }

        return await _client.TransactAsync(CypherCatalog.Get("lock/take"), tx => work(new Neo4jSession(tx.RunAsync)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The unit of <see cref="Begin"/>: one explicit transaction, opened at the first write.</summary>
    private sealed class AtomicTransaction(Neo4jClient client) : IAtomicWork
    {
        private bool _committed;

        public bool IsOpen { get; private set; } = true;

        public Neo4jTransaction? Transaction { get; private set; }

        public async Task<Neo4jTransaction> TransactionAsync(CancellationToken cancellationToken) =>
            Transaction ??= await client.BeginAsync(CypherCatalog.Get("lock/take"), cancellationToken).ConfigureAwait(false);

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (!IsOpen)
            {
                throw new InvalidOperationException("the unit has ended");
            }

            if (Transaction is not null)
            {
                await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            _committed = true;
            IsOpen = false;
        }

        public async ValueTask DisposeAsync()
        {
            IsOpen = false;
            if (Transaction is not null && !_committed)
            {
                await Transaction.RollbackAsync().ConfigureAwait(false);
            }
        }
    }

    private string Now() => Cypher.FormatTime(_time.GetUtcNow());
}
