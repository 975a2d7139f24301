using Lineage.Errors;
using Lineage.Neo4j;
using Lineage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Hosting;

/// <summary>
/// Runs the start-up steps in order (schema, administrator, graph) before the server takes
/// requests. The steps are resolved here, not when the host is built, so that even opening the
/// data directory fails as a <see cref="StartupFailure"/>: one line naming the file or setting
/// and the problem, which <c>Program</c> prints instead of a stack trace.
/// </summary>
internal sealed class StartupService : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly SqliteStoreOptions _sqlite;

    public StartupService(IServiceProvider services, IOptions<SqliteStoreOptions> sqlite)
    {
        _services = services;
        _sqlite = sqlite.Value;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var step in _services.GetServices<IStartupStep>())
            {
                await step.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException e)
        {
            throw new StartupFailure(SqliteErrors.Describe(e, _sqlite.DatabasePath), e);
        }
        catch (LineageException e) when (e.InnerException is SqliteException sqlite)
        {
            throw new StartupFailure(SqliteErrors.Describe(sqlite, _sqlite.DatabasePath), e);
        }
        catch (Neo4jStoreException e)
        {
            throw new StartupFailure(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupFailure($"the data directory {Path.GetFullPath(_sqlite.DataDirectory)} cannot be used: {e.Message}", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
