using Lineage.Store;

namespace Lineage.Server.Hosting;

/// <summary>
/// Runs the store's start-up, then the server's steps in order (administrator, opaque ids),
/// before the server takes requests. Everything is resolved here, not when the host is built,
/// so that even opening the data directory fails as a <see cref="StartupFailure"/>: one line
/// naming the file or setting and the problem, which <c>Program</c> prints instead of a stack trace.
/// </summary>
internal sealed class StartupService(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IStoreStartup>();
        try
        {
            await store.StartAsync(cancellationToken).ConfigureAwait(false);
            foreach (var step in services.GetServices<IStartupStep>())
            {
                await step.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (store.Describe(e) is { } line)
        {
            throw new StartupFailure(line, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
