using Lineage.Sqlite;

namespace Lineage.Server.Hosting;

/// <summary>Brings the database schema up to date before the server takes requests.</summary>
internal sealed class DatabaseMigrationStep : IStartupStep
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<DatabaseMigrationStep> _logger;

    public DatabaseMigrationStep(SqliteDatabase database, ILogger<DatabaseMigrationStep> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var applied = await _database.AppliedMigrationsAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Database {Path} at schema version {Version}", _database.DatabasePath, applied.Count == 0 ? 0 : applied[^1]);
    }
}
