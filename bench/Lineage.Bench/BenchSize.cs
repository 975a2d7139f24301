namespace Lineage.Bench;

/// <summary>
/// How big a generated graph is. <see cref="SweepRuns"/> training runs all use one dataset
/// version (the hub); team projects hold ordinary, time-ordered work; chains are deep.
/// </summary>
public sealed record BenchSize(string Name, int SweepRuns, int TeamProjects, int TeamRunsPerProject, int Chains, int ChainLength, int Links)
{
    public static BenchSize S { get; } = new("S", 1_000, 4, 600, 3, 55, 10);

    public static BenchSize M { get; } = new("M", 10_000, 10, 2_500, 5, 60, 30);

    public static BenchSize L { get; } = new("L", 100_000, 40, 6_500, 10, 60, 100);

    public static BenchSize Parse(string name) => name.ToUpperInvariant() switch
    {
        "S" => S,
        "M" => M,
        "L" => L,
        _ => throw new ArgumentException($"size '{name}' is not S, M or L", nameof(name)),
    };
}
