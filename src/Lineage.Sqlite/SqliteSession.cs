using Lineage.Model;
using Lineage.Names;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

/// <summary>One connection and its transaction, with small helpers that reuse prepared statements and count every one run.</summary>
internal sealed class SqliteSession : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteSession(SqliteDatabase database, SqliteConnection connection, SqliteTransaction transaction)
    {
        _database = database;
        Connection = connection;
        Transaction = transaction;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    /// <summary>Lineage edges this transaction has added, which the in-memory graph holds only after commit.</summary>
    public PendingEdges PendingEdges { get; } = new();

    /// <summary>
    /// What this transaction has already looked up and will not change before it ends: runs
    /// by path, projects by path, artifacts by project and name, versions by explicit index.
    /// </summary>
    public Dictionary<RunPath, RunRecord> KnownRuns { get; } = [];

    public Dictionary<ProjectPath, long> KnownProjects { get; } = [];

    public Dictionary<(long Project, string Name), (long Id, string Type)> KnownArtifacts { get; } = [];

    public Dictionary<VersionRef, VersionRecord> KnownVersions { get; } = [];

    /// <summary>How many versions this transaction has created.</summary>
    public int NewVersions { get; set; }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        var command = Create(sql, args);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        var command = Create(sql, args);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> QueryAsync<T>(
        string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        var command = Create(sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The command for <paramref name="sql"/> with these arguments. Commands are kept for the
    /// session, so a statement run many times in one transaction (a batch) is prepared once.
    /// </summary>
    private SqliteCommand Create(string sql, (string Name, object? Value)[] args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        foreach (var (name, value) in args)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        _database.CountCommand();
        return command;
    }
}
