namespace Lineage.Bench;

/// <summary>Everything one benchmark run measured, as written to bench/results/&lt;size&gt;.json.</summary>
public sealed record BenchResult(
    string Size,
    int Seed,
    DateTimeOffset At,
    string Machine,
    long Runs,
    long Versions,
    long Edges,
    double IngestSeconds,
    double EdgesPerSecond,
    long CycleChecks,
    double CycleCheckMicros,
    double GraphLoadSeconds,
    IReadOnlyList<QuestionResult> Questions,
    HttpResult? Http)
{
    public long Nodes => Runs + Versions;
}

/// <summary>One lineage question, answered by the store, by a recursive CTE, and by BFS over arrays.</summary>
public sealed record QuestionResult(string Key, string Question, int Nodes, Latency Ours, Latency Cte, Latency Arrays);

public sealed record HttpResult(string LoadGenerator, int Connections, double StartupSeconds, long PeakRssBytes, IReadOnlyList<LoadResult> Loads);

public sealed record LoadResult(string Key, string Query, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors);
