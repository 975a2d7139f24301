using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Support;

/// <summary>Damage done to a database file from outside, as a failing disk or a stray program would.</summary>
public static class DatabaseFiles
{
    /// <summary>Overwrites the first page of <paramref name="table"/> with bytes no b-tree page holds.</summary>
    public static void Corrupt(string databasePath, string table)
    {
        SqliteConnection.ClearAllPools();
        long page, pageSize;
        using (var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT rootpage FROM sqlite_master WHERE name = '{table}'";
            page = (long)command.ExecuteScalar()!;
            command.CommandText = "PRAGMA page_size";
            pageSize = (long)command.ExecuteScalar()!;
        }

        using var file = new FileStream(databasePath, FileMode.Open, FileAccess.Write);
        file.Position = (page - 1) * pageSize;
        file.Write(Enumerable.Repeat((byte)0xA5, (int)pageSize).ToArray());
    }

}
