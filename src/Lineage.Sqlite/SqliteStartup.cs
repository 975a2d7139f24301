using System.Diagnostics;
using Lineage.Errors;
using Lineage.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lineage.Sqlite;

/// <summary>
/// Brings the file's schema up to date, then loads the lineage graph into memory so the first
/// walk is as fast as the rest. The database is opened here, not when the host is built, so
/// that a data directory that cannot be used is reported as one line.
/// </summary>
internal sealed class SqliteStartup(IServiceProvider services, SqliteStoreOptions options) : IStoreStartup
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<SqliteDatabase>();
        var logger = services.GetRequiredService<ILogger<SqliteStartup>>();
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var applied = await database.AppliedMigrationsAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Database {Path} at schema version {Version}", database.DatabasePath, applied.Count == 0 ? 0 : applied[^1]);

        var store = services.GetRequiredService<SqliteLineageStore>();
        var started = Stopwatch.GetTimestamp();
        await store.LoadGraphAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Lineage graph loaded: {Runs} runs, {Versions} versions, {Edges} edges in {Seconds:F2} s",
            store.Graph.RunCount, store.Graph.VersionCount, store.Graph.EdgeCount, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public string? Describe(Exception exception) => exception switch
    {
        SqliteException e => SqliteErrors.Describe(e, options.DatabasePath),
        LineageException { InnerException: SqliteException e } => SqliteErrors.Describe(e, options.DatabasePath),
        IOException or UnauthorizedAccessException => $"the data directory {Path.GetFullPath(options.DataDirectory)} cannot be used: {exception.Message}",
        _ => null,
    };
}
