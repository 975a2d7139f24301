using System.Diagnostics;

namespace Lineage.Bench;

/// <summary>p50 and p99 of repeated runs of one question, in milliseconds.</summary>
public sealed record Latency(double P50, double P99, int Runs)
{
    /// <summary>
    /// Runs <paramref name="action"/> for <paramref name="warmup"/> (a second), or at least twice, to warm up (so that the
    /// runtime has compiled the hot paths fully, as in a long-running server), then until
    /// <paramref name="maxRuns"/> runs or <paramref name="budget"/> has passed, but at least
    /// <paramref name="minRuns"/> times.
    /// </summary>
    public static async Task<Latency> MeasureAsync(Func<Task> action, int minRuns, int maxRuns, TimeSpan budget, TimeSpan? warmup = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var warm = Stopwatch.StartNew();
        for (var runs = 0; runs < 2 || warm.Elapsed < (warmup ?? TimeSpan.FromSeconds(1)); runs++)
        {
            await action().ConfigureAwait(false);
        }

        var samples = new List<double>();
        var clock = Stopwatch.StartNew();
        while (samples.Count < minRuns || (samples.Count < maxRuns && clock.Elapsed < budget))
        {
            var started = Stopwatch.GetTimestamp();
            await action().ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        return new Latency(Percentile(samples, 0.50), Percentile(samples, 0.99), samples.Count);
    }

    public static Latency Measure(Action action, int minRuns, int maxRuns, TimeSpan budget, TimeSpan? warmup = null) =>
        MeasureAsync(() => { action(); return Task.CompletedTask; }, minRuns, maxRuns, budget, warmup).GetAwaiter().GetResult();

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
