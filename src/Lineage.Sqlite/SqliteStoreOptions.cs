namespace Lineage.Sqlite;

/// <summary>Where the embedded database lives. Bound from configuration section <c>Lineage:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The folder holding the database file; created if missing. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The database file name inside <see cref="DataDirectory"/>. Default <c>lineage.db</c>.</summary>
    public string FileName { get; set; } = "lineage.db";

    /// <summary>How long a statement waits for a lock held by another process before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}
