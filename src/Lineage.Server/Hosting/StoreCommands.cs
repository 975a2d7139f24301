using Lineage.Sqlite;

namespace Lineage.Server.Hosting;

/// <summary>
/// <c>Lineage.Server backup &lt;file&gt;</c> and <c>Lineage.Server restore &lt;file&gt;</c>: online backup of the
/// SQLite database (the server may keep running) and restore into a data directory without one.
/// The database is found as the server finds it: LINEAGE_DATA_DIR, else <c>Lineage:Sqlite:DataDirectory</c>.
/// </summary>
internal static class StoreCommands
{
    public static bool IsCommand(string[] args) => args is ["backup" or "restore", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 2)
        {
            await error.WriteLineAsync($"usage: Lineage.Server {args[0]} <file>").ConfigureAwait(false);
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new SqliteStoreOptions();
        configuration.GetSection("Lineage:Sqlite").Bind(options);
        if (configuration["LINEAGE_DATA_DIR"] is { Length: > 0 } dataDirectory)
        {
            options.DataDirectory = dataDirectory;
        }

        try
        {
            if (args[0] == "backup")
            {
                var result = await SqliteBackup.BackupAsync(options.DatabasePath, Path.GetFullPath(args[1]), CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync($"backed up {options.DatabasePath} to {result.Path} ({result.Bytes:N0} bytes); integrity check ok").ConfigureAwait(false);
            }
            else
            {
                await SqliteBackup.RestoreAsync(Path.GetFullPath(args[1]), options.DatabasePath, CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync($"restored {args[1]} to {options.DatabasePath}; integrity check ok. Start the server to use it").ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"{args[0]} failed: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
