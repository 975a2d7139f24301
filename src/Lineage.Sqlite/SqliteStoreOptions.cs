namespace Lineage.Sqlite;

/// <summary>Where the embedded database lives: LINEAGE_DATA_DIR and the settings <c>Lineage:Sqlite:*</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The folder holding the database file; created if missing. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The database file name inside <see cref="DataDirectory"/>. Default <c>lineage.db</c>.</summary>
    public string FileName { get; set; } = "lineage.db";

    /// <summary>How long a statement waits for a lock held by another process before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));

    /// <summary>
    /// The settings LINEAGE_DATA_DIR (else <c>Lineage:DataDirectory</c>, the server's data directory),
    /// <c>Lineage:Sqlite:FileName</c> and <c>Lineage:Sqlite:BusyTimeout</c> (e.g. <c>00:00:30</c>),
    /// read with <paramref name="setting"/>; a malformed one stops start-up with the reason.
    /// </summary>
    public static SqliteStoreOptions FromSettings(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var options = new SqliteStoreOptions();
        if ((setting("LINEAGE_DATA_DIR") ?? setting("Lineage:DataDirectory")) is { Length: > 0 } directory)
        {
            options.DataDirectory = directory;
        }

        if (setting("Lineage:Sqlite:FileName") is { Length: > 0 } file)
        {
            options.FileName = Path.GetFileName(file) == file
                ? file
                : throw new InvalidOperationException($"Lineage:Sqlite:FileName names a file inside the data directory, not the path '{file}'");
        }

        if (setting("Lineage:Sqlite:BusyTimeout") is { Length: > 0 } busy)
        {
            options.BusyTimeout = TimeSpan.TryParse(busy, System.Globalization.CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero
                ? timeout
                : throw new InvalidOperationException($"Lineage:Sqlite:BusyTimeout must be a positive time span such as 00:00:30, not '{busy}'");
        }

        return options;
    }
}
