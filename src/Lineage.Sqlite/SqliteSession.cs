using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

/// <summary>One transaction on a connection, with small helpers that reuse prepared statements and count every one run.</summary>
internal sealed class SqliteSession : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly Dictionary<string, SqliteCommand> _commands;
    private readonly bool _ownsConnection;

    /// <summary>
    /// A session over <paramref name="connection"/>. With <paramref name="commands"/>, the
    /// connection and its prepared commands outlive the session (the writer's); otherwise the
    /// session closes both.
    /// </summary>
    public SqliteSession(
        SqliteDatabase database, SqliteConnection connection, SqliteTransaction? transaction, bool isWrite, Dictionary<string, SqliteCommand>? commands = null)
    {
        _database = database;
        Connection = connection;
        Transaction = transaction;
        IsWrite = isWrite;
        _ownsConnection = commands is null;
        _commands = commands ?? new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
    }

    /// <summary>Whether this is a write transaction, which holds the database's write lock from its start.</summary>
    public bool IsWrite { get; }

    public SqliteConnection Connection { get; }

    /// <summary>The session's transaction; null for a read of one statement, which is a snapshot by itself.</summary>
    public SqliteTransaction? Transaction { get; }

    // How many statements a session without a transaction has run: one at most.
    private int _statements;

    /// <summary>Lineage edges this transaction has added, which the in-memory graph holds only after commit.</summary>
    public PendingEdges PendingEdges { get; } = new();

    /// <summary>
    /// What this transaction has already looked up and will not change before it ends: runs
    /// by path, projects by path, artifacts by project and name, versions by explicit index.
    /// </summary>
    public Dictionary<RunPath, RunRecord> KnownRuns { get; } = [];

    public Dictionary<ProjectPath, ProjectRecord> KnownProjects { get; } = [];

    /// <summary>Namespace ids by name: a namespace is never renamed or removed.</summary>
    public Dictionary<string, long> KnownNamespaces { get; } = new(StringComparer.Ordinal);

    public Dictionary<(long Project, string Name), ArtifactRecord> KnownArtifacts { get; } = [];

    public Dictionary<VersionRef, VersionRecord> KnownVersions { get; } = [];

    /// <summary>
    /// The lineage rows this transaction adds, collected when the in-memory graph was current
    /// as it began; after the commit they are exactly the rows the graph lacks.
    /// </summary>
    public GraphDelta? Added { get; set; }

    /// <summary>Whether the in-memory graph was brought up to date for this transaction, which happens once, before it writes.</summary>
    public bool CaughtUp { get; set; }

    /// <summary>Runs after the commit, before the next writer may begin.</summary>
    public Action? Committed { get; set; }

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

    /// <summary>Rows read by the model's field names, through one <see cref="RowFields"/> for the whole query.</summary>
    public async Task<List<T>> RecordsAsync<T>(
        string sql, Func<RowFields, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        var command = Create(sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var fields = new RowFields(reader);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(fields));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsConnection)
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }

            await Connection.DisposeAsync().ConfigureAwait(false);
        }
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
            command.CommandText = sql;
            _commands[sql] = command;
        }

        if (Transaction is null && ++_statements > 1)
        {
            throw new InvalidOperationException("a read of one statement ran a second: it needs a transaction to read one snapshot");
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in args)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        _database.CountCommand();
        return command;
    }
}
