using System.Diagnostics;
using System.Text.RegularExpressions;
using Lineage.Tests.Support;

namespace Lineage.Tests.Neo4j;

/// <summary>
/// The API suite (every test of <c>Lineage.Tests.Api</c>) on Neo4j, wherever the store contract
/// finds a server: the test assembly runs again in a child process with the suite pointed at
/// it, one test class at a time, since each empties the database it starts on. Shares the
/// server with the store contract's first class, so the two never run at once.
/// </summary>
[Collection(TestNeo4j.Collection)]
[Trait("Cost", "Slow")]
public sealed class ApiSuiteOnNeo4jTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_api_suite_passes_on_neo4j()
    {
        if (TestNeo4j.Options() is not null)
        {
            Assert.Skip("this run is the API suite on Neo4j already (LINEAGE_TEST_STORE=neo4j)");
        }

        var server = await TestNeo4j.ServerAsync(TestNeo4j.Images[0]);
        if (server.Options is null)
        {
            Assert.Skip(server.Reason!);
        }

        var options = server.Options;

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { typeof(ApiSuiteOnNeo4jTests).Assembly.Location, "-namespace", "Lineage.Tests.Api", "-parallel", "none", "-noColor" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in TestNeo4j.Settings(options))
        {
            start.Environment[name] = value;
        }

        start.Environment["LINEAGE_TEST_STORE"] = "neo4j";
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync(Ct);
        var errors = child.StandardError.ReadToEndAsync(Ct);
        await child.WaitForExitAsync(Ct);
        var text = await output + await errors;

        var summary = Regex.Match(text, @"Total: (\d+), Errors: (\d+), Failed: (\d+), Skipped: (\d+)");
        Assert.True(summary.Success, $"the API suite on Neo4j printed no summary:\n{Tail(text)}");
        var (total, failed, skipped) = (int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value) + int.Parse(summary.Groups[3].Value), int.Parse(summary.Groups[4].Value));
        Assert.True(child.ExitCode == 0 && failed == 0, $"the API suite on Neo4j failed ({failed} of {total}):\n{Tail(text)}");
        Assert.True(total - skipped > 100, $"the API suite on Neo4j ran only {total - skipped} of {total} tests:\n{Tail(text)}");
    }

    private static string Tail(string text) => text.Length > 20_000 ? text[^20_000..] : text;
}
