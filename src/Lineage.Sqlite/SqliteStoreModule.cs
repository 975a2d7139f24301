using Lineage.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Sqlite;

/// <summary>
/// The embedded store, selected by <c>LINEAGE_STORE=sqlite</c> (the default): one file under
/// LINEAGE_DATA_DIR. Its commands: <c>backup &lt;file&gt;</c> (online, while the server may
/// keep running), <c>restore &lt;file&gt;</c> (into a data directory without a database) and
/// <c>check</c> (SQLite's integrity check, also while the server serves).
/// </summary>
public sealed class SqliteStoreModule : IStoreModule
{
    public string Name => "sqlite";

    public IReadOnlyList<string> Commands { get; } = ["backup", "restore", "check"];

    public void Register(IServiceCollection services, Func<string, string?> setting)
    {
        var options = SqliteStoreOptions.FromSettings(setting);
        services.AddLineageSqlite(_ => options);
    }

    public async Task<int> RunCommandAsync(IReadOnlyList<string> args, Func<string, string?> setting, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count != (args[0] == "check" ? 1 : 2))
        {
            await error.WriteLineAsync(args[0] == "check" ? "usage: Lineage.Server check" : $"usage: Lineage.Server {args[0]} <file>").ConfigureAwait(false);
            return 2;
        }

        var options = SqliteStoreOptions.FromSettings(setting);
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
        catch (SqliteException e)
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
