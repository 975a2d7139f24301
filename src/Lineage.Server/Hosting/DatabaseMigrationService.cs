using Lineage.Sqlite;

namespace Lineage.Server.Hosting;

/// <summary>Brings the database schema up to date before the server takes requests.</summary>
internal sealed class DatabaseMigrationService : IHostedService
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<DatabaseMigrationService> _logger;

    public DatabaseMigrationService(SqliteDatabase database, ILogger<DatabaseMigrationService> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var applied = await _database.AppliedMigrationsAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Database {Path} at schema version {Version}", _database.DatabasePath, applied.Count == 0 ? 0 : applied[^1]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
