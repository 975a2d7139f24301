using Lineage.Bench;
using Lineage.Tests.Support;

namespace Lineage.Tests.Reliability;

/// <summary>
/// The requests that once took the server from 130 MB to gigabytes (aliases of an unpaged list
/// of 20,000 loggers, aliases of the largest lineage), sent four at a time: the server refuses
/// what it cannot bound, serves the most it allows, stays under a gibibyte, and gives memory back
/// once the burst is over. Not a timing: the bound is on memory.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class MemoryTests : IDisposable
{
    private const long Gibibyte = 1L << 30;

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task a_burst_of_the_heaviest_requests_keeps_the_server_under_a_gibibyte_and_it_gives_memory_back()
    {
        var log = new StringWriter();
        var result = await MemoryAttack.RunAsync(ServerProcess.Assembly(), _data.Path, loggers: 20_000, rounds: 2, log, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(MemoryAttack.Markdown(result));

        Assert.True(result.LoggersPaged);
        Assert.True(result.HighWaterBytes < Gibibyte, $"the server held {result.HighWaterBytes >> 20} MiB at its peak");
        Assert.True(
            result.AfterBytes < result.BaselineBytes + ((result.PeakBytes - result.BaselineBytes) / 2),
            $"the server kept {result.AfterBytes >> 20} MiB after the burst (at rest {result.BaselineBytes >> 20} MiB, peak {result.PeakBytes >> 20} MiB)");
        Assert.All(result.Outcomes.Keys, outcome => Assert.Matches("HTTP 200( LIMIT_EXCEEDED|, answered)", outcome));
        Assert.Contains(result.Outcomes.Keys, o => o.StartsWith("150 aliases of loggers: HTTP 200 LIMIT_EXCEEDED", StringComparison.Ordinal));
        Assert.Contains(result.Outcomes.Keys, o => o.StartsWith("60 aliases of lineage", StringComparison.Ordinal) && o.Contains("LIMIT_EXCEEDED", StringComparison.Ordinal));
        Assert.Contains(result.Outcomes.Keys, o => o.StartsWith("35 aliases of 1000 loggers: HTTP 200, answered", StringComparison.Ordinal));
    }
}
