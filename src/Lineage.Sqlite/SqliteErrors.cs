using Lineage.Errors;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

/// <summary>The one place where SQLite's errors become the core's typed errors.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int Constraint = 19;

    public static Exception Translate(SqliteException e) => e.SqliteErrorCode switch
    {
        Constraint => new ConflictException("the change conflicts with data written at the same time; retry it", e),
        Busy or Locked => new ConflictException("the database is busy with another writer; retry the request", e),
        _ => e,
    };
}
