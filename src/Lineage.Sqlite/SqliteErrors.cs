using Lineage.Errors;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

/// <summary>The one place where SQLite's errors become the core's typed errors and operators' words.</summary>
public static class SqliteErrors
{
    private const int Permission = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Constraint = 19;
    private const int NotADatabase = 26;

    /// <summary>The command that checks the database file, named in every report of damage.</summary>
    public const string CheckCommand = "Lineage.Server check";

    internal static Exception Translate(SqliteException e) => e.SqliteErrorCode switch
    {
        Constraint => new ConflictException("the change conflicts with data written at the same time; retry it", e),
        Busy or Locked => new ConflictException("the database is busy with another writer; retry the request", e),
        Full => new UnavailableException("diskFull", "the disk holding the database is full: nothing was written; retry once space has been freed", e),
        ReadOnly or Permission => new UnavailableException("readOnly", "the database cannot be written (its file or file system is read-only): nothing was written", e),
        IoError => new UnavailableException("ioError", $"the database file could not be read or written ({Quote(e)}): nothing was written; retry later", e),
        Corrupt or NotADatabase => new DataCorruptedException(
            $"the database file is damaged where this request reads or writes ({Quote(e)}); nothing was changed. An operator should run '{CheckCommand}' and restore a backup",
            e),
        _ => e,
    };

    /// <summary>Whether a connection that raised <paramref name="e"/> is still fit for the next transaction.</summary>
    internal static bool LeavesConnectionUsable(SqliteException e) => e.SqliteErrorCode is Constraint or Busy or Locked;

    /// <summary>Whether <paramref name="e"/> reports a damaged database file.</summary>
    public static bool IsCorruption(SqliteException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.SqliteErrorCode is Corrupt or NotADatabase;
    }

    /// <summary>What went wrong with the file at <paramref name="path"/>, in one line for an operator.</summary>
    public static string Describe(SqliteException e, string path)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.SqliteErrorCode switch
        {
            Corrupt or NotADatabase => $"{path} is damaged or is not a Lineage database ({Quote(e)}); run '{CheckCommand}' and restore a backup",
            Full => $"the disk holding {path} is full ({Quote(e)}); free some space and start again",
            ReadOnly or Permission => $"{path} cannot be written: the file or its file system is read-only ({Quote(e)})",
            CantOpen => $"{path} cannot be opened or written: check that its folder exists, is writable by this user and is not on a read-only file system ({Quote(e)})",
            IoError => $"{path} could not be read or written ({Quote(e)}); check the disk",
            _ => $"{path}: {Quote(e)}",
        };
    }

    /// <summary>SQLite's own words, e.g. <c>database disk image is malformed</c>.</summary>
    private static string Quote(SqliteException e)
    {
        var message = e.Message;
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? $"SQLite: {message[(start + 1)..end]}" : $"SQLite error {e.SqliteErrorCode}";
    }
}
