using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lineage.Store;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

/// <summary>
/// The database file: opening connections with the project's settings, applying migrations,
/// and running work in read or write transactions.
/// </summary>
/// <remarks>
/// Writes are serialized twice: by an in-process gate, so writers queue instead of spinning
/// on SQLITE_BUSY, and by <c>BEGIN IMMEDIATE</c>, which takes the database's write lock before
/// the first read so that a cycle check and the edge it guards see the same graph even when
/// another process writes to the file.
/// </remarks>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private long _commands;
    private long _writeEpoch;
    private SqliteConnection? _writer;
    private readonly Dictionary<string, SqliteCommand> _writerCommands = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private readonly AsyncLocal<AtomicWrite?> _atomic = new();

    // A queue, not a bag: reads finish on other threads than they began on, and a bag then
    // steals across threads under a lock.
    private readonly ConcurrentQueue<ReadConnection> _readers = new();
    private volatile bool _disposed;

    static SqliteDatabase()
    {
        // SQLite counts every allocation under one process-wide mutex unless told not to, which
        // makes reads on separate connections take turns: two cores read no faster than one.
        // The setting is only taken before SQLite's first use in the process; if something
        // opened a connection before this class was touched, reads stay correct, only slower.
        SQLitePCL.Batteries_V2.Init();
        _ = SQLitePCL.raw.sqlite3_config(SqliteConfigMemStatus, 0);
    }

    public SqliteDatabase(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OwnerOnlyFiles.PrepareDatabase(options.DatabasePath);
        DatabasePath = options.DatabasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public string DatabasePath { get; }

    // SQLITE_CONFIG_MEMSTATUS in sqlite3.h.
    private const int SqliteConfigMemStatus = 9;

    /// <summary>How many distinct statements the writer keeps prepared before it starts afresh.</summary>
    public const int MaxPreparedWrites = 1_000;

    /// <summary>How many read connections are kept open between reads: enough for every core to read at once, several times over; each holds its own page cache.</summary>
    public const int MaxPooledReaders = 16;

    /// <summary>How many distinct statements a read connection keeps prepared before it starts afresh.</summary>
    public const int MaxPreparedReads = 500;

    /// <summary>How many SQL statements this instance has run; the API's tests read it to prove batching.</summary>
    public long CommandsExecuted => Interlocked.Read(ref _commands);

    /// <summary>How many write transactions this instance has committed; readers of derived state compare it.</summary>
    public long WriteEpoch => Interlocked.Read(ref _writeEpoch);

    internal void CountCommand() => Interlocked.Increment(ref _commands);

    /// <summary>Applies every migration not yet applied, each in its own transaction.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var wal = connection.CreateCommand())
        {
            // WAL lets readers run while one writer commits; the setting is stored in the file.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL)
                """;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (version, name, sql) in LoadMigrations())
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = $v";
            check.Parameters.AddWithValue("$v", version);
            if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                continue;
            }

            await using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = sql + "\nINSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t);";
            apply.Parameters.AddWithValue("$v", version);
            apply.Parameters.AddWithValue("$n", name);
            apply.Parameters.AddWithValue("$t", Time.Format(DateTimeOffset.UtcNow));
            await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A setting as the store's own, pooled connections see it: <c>ReadPragmaAsync("synchronous")</c>.</summary>
    public Task<string> ReadPragmaAsync(string pragma, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(pragma) || !pragma.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            throw new ArgumentException($"'{pragma}' is not a pragma name", nameof(pragma));
        }

        return ReadAsync(
            async s => Convert.ToString(await s.ScalarAsync<object>($"PRAGMA {pragma}", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) ?? "",
            cancellationToken);
    }

    /// <summary>The migrations applied to the file, in order.</summary>
    public async Task<IReadOnlyList<int>> AppliedMigrationsAsync(CancellationToken cancellationToken) =>
        await ReadAsync(
            s => s.QueryAsync("SELECT version FROM schema_migrations ORDER BY version", r => r.GetInt32(0), cancellationToken),
            cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Runs when a write transaction has begun, before its first statement (the store brings its
    /// in-memory graph up to date there). One store per database sets it.
    /// </summary>
    internal Func<SqliteSession, CancellationToken, Task>? WriteBegun { get; set; }

    /// <summary>
    /// Begins a unit in which every read and write of the calling flow joins one write
    /// transaction, opened at the first write and holding the write gate until the unit ends.
    /// </summary>
    /// <summary>Whether the calling flow is in a unit that has written: its reads must see those writes, which only its transaction holds.</summary>
    internal bool InUnitThatWrote => _atomic.Value is { IsOpen: true, Session: not null };

    public IAtomicWork BeginAtomic()
    {
        var work = new AtomicWrite(this);
        _atomic.Value = work;
        return work;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled read connection, in a deferred transaction so
    /// that its statements read one snapshot; a read of <paramref name="oneStatement"/> runs
    /// without one (a statement is a snapshot by itself), which spares a BEGIN and its end, and
    /// its session refuses a second statement.
    /// </summary>
    internal async Task<T> ReadAsync<T>(Func<SqliteSession, Task<T>> work, CancellationToken cancellationToken, bool oneStatement = false)
    {
        try
        {
            // Inside a unit that has written, reads see its writes.
            if (_atomic.Value is { IsOpen: true, Session: { } joined })
            {
                return await work(joined).ConfigureAwait(false);
            }
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Translate(e);
        }

        // Readers are kept open with their statements prepared: a dashboard's query runs a
        // dozen small reads, and opening a connection and preparing each statement again cost
        // more than most of them.
        var reader = _readers.TryDequeue(out var pooled) ? pooled : new ReadConnection(await OpenAsync(cancellationToken).ConfigureAwait(false));
        var usable = true;
        try
        {
            if (reader.Commands.Count > MaxPreparedReads)
            {
                reader.ForgetCommands();
            }

            // A deferred transaction gives the statements of one read a single snapshot.
            var transaction = oneStatement ? null : reader.Connection.BeginTransaction(deferred: true);
            await using var session = new SqliteSession(this, reader.Connection, transaction, isWrite: false, reader.Commands);
            return await work(session).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            usable = SqliteErrors.LeavesConnectionUsable(e);
            throw SqliteErrors.Translate(e);
        }
        finally
        {
            if (usable && !_disposed && _readers.Count < MaxPooledReaders)
            {
                _readers.Enqueue(reader);
            }
            else
            {
                reader.Dispose();
            }
        }
    }

    internal async Task<T> WriteAsync<T>(Func<SqliteSession, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_atomic.Value is { IsOpen: true } atomic)
        {
            try
            {
                return await work(await atomic.SessionAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (SqliteException e)
            {
                throw SqliteErrors.Translate(e);
            }
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var session = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await work(session).ConfigureAwait(false);
                await CommitAsync(session).ConfigureAwait(false);
                return result;
            }
            catch
            {
                await RollBackAsync(session.Transaction!).ConfigureAwait(false);
                throw;
            }
        }
        catch (SqliteException e)
        {
            throw Failed(e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>A write transaction on the writer connection; the caller holds the write gate.</summary>
    private async Task<SqliteSession> BeginWriteAsync(CancellationToken cancellationToken)
    {
        // Writes take turns on one connection kept open, whose statements stay prepared.
        _writer ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (_writerCommands.Count > MaxPreparedWrites)
        {
            DisposeWriterCommands();
        }

        var transaction = _writer.BeginTransaction(deferred: false);
        var session = new SqliteSession(this, _writer, transaction, isWrite: true, _writerCommands);
        try
        {
            if (WriteBegun is { } begun)
            {
                await begun(session, cancellationToken).ConfigureAwait(false);
            }

            return session;
        }
        catch
        {
            await RollBackAsync(transaction).ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Commits, then, still holding the write gate, runs what waits for the commit.</summary>
    private async Task CommitAsync(SqliteSession session)
    {
        // Not cancellable: once the work is done, the commit must not be abandoned halfway.
        await session.Transaction!.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        Interlocked.Increment(ref _writeEpoch);

        // The next writer sees what this one left behind.
        session.Committed?.Invoke();
    }

    /// <summary>A failed write's error as the core sees it; a connection a fault may have spoiled is dropped.</summary>
    private Exception Failed(SqliteException e)
    {
        if (!SqliteErrors.LeavesConnectionUsable(e))
        {
            // A full disk, an I/O error or a damaged file: the next writer starts afresh.
            DisposeWriterCommands();
            _writer?.Dispose();
            _writer = null;
        }

        return SqliteErrors.Translate(e);
    }

    /// <summary>Rolls back what a failed write began; a rollback that fails too (a full disk, a lost file) leaves SQLite to undo it.</summary>
    private static async Task RollBackAsync(SqliteTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // SQLite rolls back by itself when a statement fails with a full disk or an I/O
            // error; the transaction is then already gone, which is all a rollback is for.
        }
    }

    /// <summary>The unit of <see cref="BeginAtomic"/>: one write transaction, begun lazily, for a whole flow.</summary>
    private sealed class AtomicWrite(SqliteDatabase database) : IAtomicWork
    {
        private bool _holdsGate;
        private bool _committed;

        public bool IsOpen { get; private set; } = true;

        public SqliteSession? Session { get; private set; }

        public async Task<SqliteSession> SessionAsync(CancellationToken cancellationToken)
        {
            if (Session is not null)
            {
                return Session;
            }

            await database._writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            _holdsGate = true;
            try
            {
                Session = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
                return Session;
            }
            catch (SqliteException e)
            {
                throw database.Failed(e);
            }
        }

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (!IsOpen)
            {
                throw new InvalidOperationException("the unit has ended");
            }

            if (Session is not null)
            {
                try
                {
                    await database.CommitAsync(Session).ConfigureAwait(false);
                }
                catch (SqliteException e)
                {
                    throw database.Failed(e);
                }
            }

            _committed = true;
            IsOpen = false;
        }

        public async ValueTask DisposeAsync()
        {
            IsOpen = false;
            try
            {
                if (Session is not null)
                {
                    if (!_committed)
                    {
                        await RollBackAsync(Session.Transaction!).ConfigureAwait(false);
                    }

                    await Session.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                if (_holdsGate)
                {
                    _holdsGate = false;
                    database._writeGate.Release();
                }
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryDequeue(out var reader))
        {
            reader.Dispose();
        }

        DisposeWriterCommands();
        _writer?.Dispose();
        _writeGate.Dispose();
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    /// <summary>A read connection kept open between reads, with the statements it has prepared.</summary>
    private sealed class ReadConnection(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public Dictionary<string, SqliteCommand> Commands { get; } = new(StringComparer.Ordinal);

        public void ForgetCommands()
        {
            foreach (var command in Commands.Values)
            {
                command.Dispose();
            }

            Commands.Clear();
        }

        public void Dispose()
        {
            ForgetCommands();
            Connection.Dispose();
        }
    }

    private void DisposeWriterCommands()
    {
        foreach (var command in _writerCommands.Values)
        {
            command.Dispose();
        }

        _writerCommands.Clear();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Pooled connections keep their settings: set them once per native connection.
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();
            // NORMAL in WAL mode: a committed transaction survives a crash of this process;
            // only an OS crash or power loss can drop the last commits (docs/architecture.md).
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _configured.AddOrUpdate(handle, handle);
        }

        return connection;
    }

    private static IEnumerable<(int Version, string Name, string Sql)> LoadMigrations()
    {
        var assembly = typeof(SqliteDatabase).Assembly;
        const string prefix = "Lineage.Sqlite.Migrations.";
        var seen = new HashSet<int>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);

            // A version is applied once: a second migration of the same number would never run.
            if (!seen.Add(version))
            {
                throw new InvalidOperationException($"two migrations are numbered {version}: renumber '{name}'");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, name, reader.ReadToEnd());
        }
    }
}
