using Lineage.Sqlite;

namespace Lineage.Server.Hosting;

/// <summary>
/// <c>Lineage.Server backup &lt;file&gt;</c> and <c>Lineage.Server restore &lt;file&gt;</c>: online backup of the
/// SQLite database (the server may keep running) and restore into a data directory without one.
/// <c>Lineage.Server check</c> runs SQLite's integrity check over the database, also while it serves.
/// The database is found as the server finds it: LINEAGE_DATA_DIR, else <c>Lineage:Sqlite:DataDirectory</c>.
/// </summary>
internal static class StoreCommands
{
    public static bool IsCommand(string[] args) => args is ["backup" or "restore" or "check", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length != (args[0] == "check" ? 1 : 2))
        {
            await error.WriteLineAsync(args[0] == "check" ? "usage: Lineage.Server check" : $"usage: Lineage.Server {args[0]} <file>").ConfigureAwait(false);
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
            if (args[0] == "check")
            {
                return await CheckAsync(options.DatabasePath, output, error).ConfigureAwait(false);
            }

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
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            await error.WriteLineAsync($"{args[0]} failed: {SqliteErrors.Describe(e, options.DatabasePath)}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{args[0]} failed: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>SQLite's integrity check of every page and index: 0 and "ok", or 1 and what it found.</summary>
    private static async Task<int> CheckAsync(string databasePath, TextWriter output, TextWriter error)
    {
        if (!File.Exists(databasePath))
        {
            await error.WriteLineAsync($"check failed: there is no database at {databasePath}").ConfigureAwait(false);
            return 1;
        }

        var result = await SqliteBackup.IntegrityCheckAsync(databasePath, CancellationToken.None).ConfigureAwait(false);
        if (result == "ok")
        {
            await output.WriteLineAsync($"{databasePath}: integrity check ok").ConfigureAwait(false);
            return 0;
        }

        await error.WriteLineAsync($"{databasePath} is damaged; SQLite's integrity check found: {result}. Restore the last good backup (restore <file>)").ConfigureAwait(false);
        return 1;
    }
}
