using Lineage.Store;

namespace Lineage.Neo4j;

/// <summary>
/// The store on Neo4j. Runs and artifact versions are nodes, <c>USED</c> and <c>LOGGED</c> are
/// relationships from runs to versions, and every statement is a file of <c>cypher/</c>.
/// Every write is one explicit transaction that first takes the write lock (cypher/lock/take),
/// so that its checks (cycles, names, aliases, the audit chain's head) and its changes happen
/// as if alone, under Neo4j's read-committed isolation.
/// </summary>
public sealed partial class Neo4jLineageStore : ILineageStore
{
    private readonly Neo4jClient _client;
    private readonly TimeProvider _time;

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
    }

    /// <summary>Whether a reported version (<c>5.26.3</c>, <c>2025.06.0</c>, <c>5.26.0-aura</c>) is at least <see cref="MinimumServerVersion"/>.</summary>
    public static bool IsSupported(string reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var numbers = reported.Split('.', '-', '+').Take(2).Select(p => int.TryParse(p, out var n) ? n : -1).ToArray();
        return numbers.Length == 2 && numbers.All(n => n >= 0) && new Version(numbers[0], numbers[1]) >= MinimumServerVersion;
    }

    private Task<T> ReadAsync<T>(Func<Neo4jSession, Task<T>> work, CancellationToken cancellationToken) =>
        work(new Neo4jSession(_client.RunAsync));

    private Task<T> WriteAsync<T>(Func<Neo4jSession, Task<T>> work, CancellationToken cancellationToken) =>
        _client.TransactAsync(CypherCatalog.Get("lock/take"), tx => work(new Neo4jSession(tx.RunAsync)), cancellationToken);

    private string Now() => Cypher.FormatTime(_time.GetUtcNow());
}
