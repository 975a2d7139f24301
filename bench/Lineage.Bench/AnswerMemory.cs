using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lineage.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Lineage.Bench;

/// <summary>
/// What a large lineage answer costs the server in memory: the hub's downstream closure, cut
/// at <see cref="Nodes"/> nodes, asked over HTTP of a server run in the benchmark's own process
/// so that every byte it allocates while answering is counted (<c>GC.GetTotalAllocatedBytes</c>,
/// with nothing else running). The answer's text is held once, in the response buffer; what
/// was allocated besides is at most what the answer held on top of that.
/// </summary>
public static class AnswerMemory
{
    public const int Nodes = 40_000;

    private const int Rounds = 5;

    public static async Task<AnswerMemoryResult> RunAsync(string dataDirectory, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var key = "lin_benchmark000_" + new string('K', 40);
        var url = $"http://127.0.0.1:{5400 + Random.Shared.Next(500)}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", url], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LINEAGE_DATA_DIR"] = dataDirectory,
            ["LINEAGE_ADMIN_KEY"] = key,
            ["Lineage:RateLimit:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddLineage();
        await using var app = builder.Build();
        app.MapLineage();
        await app.StartAsync().ConfigureAwait(false);

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var query = $$"""{ lineage(start: "{{GraphGenerator.Hub}}", direction: DOWNSTREAM, depth: 100, maxNodes: {{Nodes}}) { truncated nodes { id kind name path type hops } edges { from to kind } } }""";

        // The answer is read and dropped a block at a time, so the client allocates next to nothing.
        var block = new byte[64 * 1024];
        async Task<long> AskAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query }) };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var size = 0L;
            for (int read; (read = await body.ReadAsync(block).ConfigureAwait(false)) > 0;)
            {
                size += read;
            }

            return size;
        }

        // The shape of the answer, read once whole; then warm-up rounds.
        using var shape = await http.PostAsJsonAsync("graphql", new { query }).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await shape.Content.ReadAsStringAsync().ConfigureAwait(false));
        var lineage = document.RootElement.GetProperty("data").GetProperty("lineage");
        var (nodes, edges) = (lineage.GetProperty("nodes").GetArrayLength(), lineage.GetProperty("edges").GetArrayLength());
        for (var i = 0; i < 3; i++)
        {
            await AskAsync().ConfigureAwait(false);
        }

        var allocated = new List<long>();
        var times = new List<double>();
        var bytes = 0L;
        for (var round = 0; round < Rounds; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            bytes = await AskAsync().ConfigureAwait(false);
            times.Add(clock.Elapsed.TotalMilliseconds);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        await app.StopAsync().ConfigureAwait(false);
        allocated.Sort();
        times.Sort();
        var result = new AnswerMemoryResult(nodes, edges, bytes, allocated[Rounds / 2], times[Rounds / 2]);
        log.WriteLine($"answer memory: {nodes:N0} nodes and {edges:N0} edges, {bytes / 1048576.0:N1} MiB of answer, {result.AllocatedBytes / 1048576.0:N1} MiB allocated while answering ({result.AllocatedPerAnswerByte:N2} per answer byte), {result.Milliseconds:N0} ms");
        return result;
    }
}

/// <summary>One large lineage answer: its size, what the server allocated while answering it (median of rounds) and how long it took.</summary>
public sealed record AnswerMemoryResult(int Nodes, int Edges, long AnswerBytes, long AllocatedBytes, double Milliseconds)
{
    public double AllocatedPerAnswerByte => (double)AllocatedBytes / AnswerBytes;

    /// <summary>At most what the server held for the answer, in answer sizes: its text in the response buffer, plus everything allocated besides.</summary>
    public double HeldPerAnswerByte => 1 + AllocatedPerAnswerByte;
}
