using Lineage.Bench;
using Lineage.Tests.Support;

namespace Lineage.Tests.Bench;

/// <summary>
/// The benchmark harness at size S, without its HTTP part and with short timings: it must
/// generate the graph it promises, get the same answers from the store, the recursive CTE and
/// the arrays (it refuses to report otherwise), and write its report. No timing is asserted.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task the_harness_runs_at_size_s_and_the_three_ways_agree()
    {
        using var data = new TempDirectory();
        using var docs = new TempDirectory();
        var log = new StringWriter();
        var options = new BenchOptions(
            BenchSize.S, Path.Combine(data.Path, "bench"), QuestionBudget: TimeSpan.FromMilliseconds(50), Warmup: TimeSpan.Zero);

        var result = await BenchmarkRunner.RunAsync(options, log, TestContext.Current.CancellationToken);

        Assert.InRange(result.Nodes, 9_000, 12_000);
        Assert.True(result.Edges >= 2 * result.Nodes, $"{result.Edges} edges for {result.Nodes} nodes");
        Assert.True(result.CycleChecks > 0);
        Assert.Equal(["usedBy", "lineage3", "upstream", "downstream"], result.Questions.Select(q => q.Key));
        var byKey = result.Questions.ToDictionary(q => q.Key);
        Assert.Equal(100, byKey["usedBy"].Nodes);

        // The hub's closure: 1,000 sweep runs, their 2,000 versions, 500 evaluations and their results.
        Assert.Equal(4_001, byKey["downstream"].Nodes);

        // A deep chain: 55 steps of run and version, plus the first version and its run.
        Assert.Equal(112, byKey["upstream"].Nodes);
        Assert.All(result.Questions, q => Assert.True(q.Ours.Runs > 0 && q.Cte.Runs > 0 && q.Arrays.Runs > 0));
        Assert.Contains("store, CTE and arrays agree", log.ToString(), StringComparison.Ordinal);

        // The large answer, asked of a server in this process on the same file: all of the
        // hub's closure (it is smaller than the cut at S), and what answering it allocated.
        var answer = await AnswerMemory.RunAsync(options.DataDirectory, log);
        Assert.Equal(4_001, answer.Nodes);
        Assert.True(answer.Edges >= 4_000, $"{answer.Edges} edges");
        Assert.True(answer.AnswerBytes > answer.Nodes * 100L, $"{answer.AnswerBytes} bytes");
        Assert.True(answer.AllocatedBytes > 0);
        result = result with { Answer = answer };

        Report.Write(docs.Path, [result]);
        var page = await File.ReadAllTextAsync(Path.Combine(docs.Path, "performance.md"), TestContext.Current.CancellationToken);
        Assert.Contains("## Size S", page, StringComparison.Ordinal);
        Assert.Contains("A large answer: the hub's downstream closure cut at 40,000 nodes (4,001 nodes", page, StringComparison.Ordinal);
        Assert.Contains("full downstream closure from the hub | 4,001 |", page, StringComparison.Ordinal);
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(Path.Combine(docs.Path, "performance.svg"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // The report reads the size results only, not the load runs' files kept beside them.
        using var results = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(results.Path, "S.json"), System.Text.Json.JsonSerializer.Serialize(result, Report.Json), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(results.Path, "load.json"), "{\"rate\": 1500, \"seconds\": 60}", TestContext.Current.CancellationToken);
        var loaded = Report.Load(results.Path);
        Assert.Equal(["S"], loaded.Select(r => r.Size));
        Report.Write(docs.Path, loaded);
    }

    [Fact]
    public async Task the_harness_refuses_to_clear_a_directory_it_did_not_make()
    {
        using var data = new TempDirectory();
        var precious = Path.Combine(data.Path, "notes.txt");
        await File.WriteAllTextAsync(precious, "keep me", TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BenchmarkRunner.RunAsync(new BenchOptions(BenchSize.S, data.Path), TextWriter.Null, TestContext.Current.CancellationToken));

        Assert.True(File.Exists(precious));
    }

    [Fact]
    public void the_generator_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        static List<string> First(int seed) =>
            [.. new GraphGenerator(BenchSize.S, seed).Writes().Take(5_000).Select(w => w.ToString()!)];

        Assert.Equal(First(42), First(42));
        Assert.NotEqual(First(42), First(43));
    }
}
