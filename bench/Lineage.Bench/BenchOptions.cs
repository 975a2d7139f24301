namespace Lineage.Bench;

/// <summary>
/// How a benchmark run is made. Without <see cref="ServerDll"/>, the HTTP part is skipped; with
/// <see cref="Web"/>, the web page is timed in headless Chromium too.
/// <see cref="Warmup"/> (a second by default) is how long each question runs before it is timed.
/// </summary>
public sealed record BenchOptions(
    BenchSize Size,
    string DataDirectory,
    int Seed = 42,
    int BatchSize = 2_000,
    string? ServerDll = null,
    int Connections = 32,
    TimeSpan? LoadDuration = null,
    TimeSpan? QuestionBudget = null,
    TimeSpan? Warmup = null,
    bool Web = false);
