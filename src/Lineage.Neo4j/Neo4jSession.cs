namespace Lineage.Neo4j;

/// <summary>
/// The statements of one store operation: inside one explicit transaction for a write, each
/// in its own implicit transaction for a read.
/// </summary>
internal sealed class Neo4jSession
{
    private readonly Func<CypherStatement, IReadOnlyList<(string Name, object? Value)>, IRowSink?, CancellationToken, Task<CypherResult>> _run;

    public Neo4jSession(Func<CypherStatement, IReadOnlyList<(string Name, object? Value)>, IRowSink?, CancellationToken, Task<CypherResult>> run)
    {
        _run = run;
    }

    public Task<CypherResult> RunAsync(string statement, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        _run(CypherCatalog.Get(statement), parameters, null, cancellationToken);

    /// <summary>The rows mapped as they arrive: the answer is never held whole, only the records.</summary>
    public async Task<List<T>> QueryAsync<T>(
        string statement, Func<CypherRow, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = new RowList<T>(map);
        await _run(CypherCatalog.Get(statement), parameters, rows, cancellationToken).ConfigureAwait(false);
        return rows.Items;
    }

    /// <summary>The first row, or null when there is none.</summary>
    public async Task<CypherRow?> RowAsync(string statement, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var result = await RunAsync(statement, cancellationToken, parameters).ConfigureAwait(false);
        return result.Rows.Count == 0 ? null : result.Rows[0];
    }
}
