using System.Diagnostics;

namespace Lineage.Server.Hosting;

/// <summary>
/// Gives memory back after a burst. The runtime keeps the heap it grew for the largest answers
/// it served, so that one burst of heavy requests would leave the server large for good; once
/// no request has run for a few seconds and the heap holds much more than it did at rest, a full
/// collection that releases unused memory to the system brings it back down.
/// </summary>
internal sealed class IdleMemoryTrimmer : BackgroundService
{
    /// <summary>How long the server must have been idle.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    /// <summary>How much more than after the last trim the heap must hold to be trimmed again.</summary>
    public const long Growth = 64L * 1024 * 1024;

    private readonly ILogger<IdleMemoryTrimmer> _logger;
    private long _inFlight;
    private long _lastActivity = Stopwatch.GetTimestamp();
    private long _trimmedAt;

    public IdleMemoryTrimmer(ILogger<IdleMemoryTrimmer> logger)
    {
        _logger = logger;
    }

    /// <summary>Counts a request while it runs.</summary>
    public async Task TrackAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Interlocked.Increment(ref _inFlight);
        try
        {
            await next(http).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref _inFlight);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _trimmedAt = GC.GetGCMemoryInfo().TotalCommittedBytes;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (Interlocked.Read(ref _inFlight) > 0
                || Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity)) < Quiet
                || committed < _trimmedAt + Growth)
            {
                continue;
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            _trimmedAt = GC.GetGCMemoryInfo().TotalCommittedBytes;
            _logger.LogDebug("Idle: the heap went from {Before} MiB to {After} MiB committed", committed >> 20, _trimmedAt >> 20);
        }
    }
}
