using System.Diagnostics;
using Lineage.Sqlite;

namespace Lineage.Server.Hosting;

/// <summary>Loads the lineage graph into memory before the server takes requests, so the first walk is as fast as the rest.</summary>
internal sealed class GraphLoadStep : IStartupStep
{
    private readonly SqliteLineageStore _store;
    private readonly ILogger<GraphLoadStep> _logger;

    public GraphLoadStep(SqliteLineageStore store, ILogger<GraphLoadStep> logger)
    {
        _store = store;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await _store.LoadGraphAsync(cancellationToken).ConfigureAwait(false);
        var graph = _store.Graph;
        _logger.LogInformation(
            "Lineage graph loaded: {Runs} runs, {Versions} versions, {Edges} edges in {Seconds:F2} s",
            graph.RunCount, graph.VersionCount, graph.EdgeCount, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
