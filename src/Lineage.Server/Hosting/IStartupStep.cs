namespace Lineage.Server.Hosting;

/// <summary>One piece of start-up work, done in the order registered before the server takes requests.</summary>
internal interface IStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
