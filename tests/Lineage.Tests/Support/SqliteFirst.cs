using System.Runtime.CompilerServices;
using Lineage.Sqlite;

namespace Lineage.Tests.Support;

internal static class SqliteFirst
{
    /// <summary>
    /// Sets SQLite up as the server does, before any test opens a connection of its own: the
    /// server's store is the first thing in its process to touch SQLite.
    /// </summary>
    [ModuleInitializer]
    internal static void SetUpSqliteAsTheServerDoes() => RuntimeHelpers.RunClassConstructor(typeof(SqliteDatabase).TypeHandle);
}
