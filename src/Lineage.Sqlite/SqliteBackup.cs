using Lineage.Store;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

/// <summary>
/// Online backup and restore of the database file. A backup is SQLite's backup API run in one
/// step under a read transaction: a consistent snapshot of the last committed state, taken
/// while the server keeps serving and writing. A restore copies a backup into a data directory
/// that holds no database yet, and checks it before it is used.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Writes a consistent copy of <paramref name="databasePath"/> to <paramref name="destination"/>, which must not exist.</summary>
    public static async Task<BackupResult> BackupAsync(string databasePath, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        ArgumentNullException.ThrowIfNull(destination);
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"there is no database at {databasePath}", databasePath);
        }

        if (File.Exists(destination))
        {
            throw new IOException($"{destination} already exists; a backup never overwrites a file");
        }

        var temporary = destination + ".partial";
        File.Delete(temporary);

        // A backup holds everything the database does: it is for its owner's eyes only.
        OwnerOnlyFiles.CreateFile(temporary);
        await using (var source = new SqliteConnection(ConnectionString(databasePath, SqliteOpenMode.ReadOnly)))
        await using (var target = new SqliteConnection(ConnectionString(temporary, SqliteOpenMode.ReadWriteCreate)))
        {
            await source.OpenAsync(cancellationToken).ConfigureAwait(false);
            await target.OpenAsync(cancellationToken).ConfigureAwait(false);
            source.BackupDatabase(target);

            // The copy is a plain rollback-journal file: one file, nothing beside it to lose.
            await using var journal = target.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var check = await IntegrityCheckAsync(temporary, cancellationToken).ConfigureAwait(false);
        if (check != "ok")
        {
            File.Delete(temporary);
            throw new InvalidDataException($"the backup failed SQLite's integrity check: {check}");
        }

        File.Move(temporary, destination);
        return new BackupResult(destination, new FileInfo(destination).Length);
    }

    /// <summary>
    /// Puts <paramref name="backup"/> in place as <paramref name="databasePath"/>, in WAL mode,
    /// after checking it. Refuses when a database is already there: stop the server and move the
    /// old files away first.
    /// </summary>
    public static async Task RestoreAsync(string backup, string databasePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(databasePath);
        if (!File.Exists(backup))
        {
            throw new FileNotFoundException($"there is no backup at {backup}", backup);
        }

        foreach (var existing in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            if (File.Exists(existing))
            {
                throw new IOException($"{existing} exists; restore into a data directory without a database (move the old files away first)");
            }
        }

        var check = await IntegrityCheckAsync(backup, cancellationToken).ConfigureAwait(false);
        if (check != "ok")
        {
            throw new InvalidDataException($"{backup} failed SQLite's integrity check: {check}");
        }

        OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        File.Copy(backup, databasePath);
        OwnerOnlyFiles.Narrow(databasePath);
        await using var connection = new SqliteConnection(ConnectionString(databasePath, SqliteOpenMode.ReadWrite));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SQLite's <c>PRAGMA integrity_check</c>: <c>ok</c>, or what it found.</summary>
    public static async Task<string> IntegrityCheckAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var lines = new List<string>();
        await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("; ", lines);
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();
}

/// <summary>Where a backup was written, and how large it is.</summary>
public sealed record BackupResult(string Path, long Bytes);
