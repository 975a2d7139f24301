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
    HttpResult? Http,
    IReadOnlyList<WebResult>? Web = null,
    AnswerMemoryResult? Answer = null)
{
    public long Nodes => Runs + Versions;
}

/// <summary>One lineage question, answered by the store, by a recursive CTE, and by BFS over arrays.</summary>
public sealed record QuestionResult(string Key, string Question, int Nodes, Latency Ours, Latency Cte, Latency Arrays);

public sealed record HttpResult(string LoadGenerator, int Connections, double StartupSeconds, long PeakRssBytes, IReadOnlyList<LoadResult> Loads);

/// <summary>One query under load, as the administrator or as <see cref="As"/>, a member without administrator rights.</summary>
public sealed record LoadResult(string Key, string Query, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, string As = "admin");

/// <summary>
/// A lineage view in headless Chromium: medians over fresh tabs of the page's marks, in ms from
/// navigation start (data fetched, layout done, first frame drawn, main thread free again with
/// <see cref="NodesAtInteractive"/> nodes drawn, the whole view drawn), and the longest task
/// that kept input waiting after the page became interactive, over all tabs.
/// </summary>
public sealed record WebResult(
    string View,
    string Start, string Direction, int Depth, int NodesFetched, int NodesDrawn, int Clusters, int EdgesDrawn, int Runs,
    double DataMs, double LayoutMs, double FirstRenderMs, double InteractiveMs, double WorstInteractiveMs,
    double NodesAtInteractive = 0, double CompleteMs = 0, double LongestTaskMs = 0);
