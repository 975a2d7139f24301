using System.Net.Http.Json;
using System.Text.Json;
using Lineage.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Tests.Reliability;

/// <summary>
/// Races that could close a cycle: for each length from 2 to 6, a ring of runs and versions
/// whose closing edges are all sent at the same moment by separate clients over real HTTP.
/// Each edge alone is harmless, all together close the ring; the server must refuse at least
/// one with CYCLE_DETECTED, apply the rest, write nothing for a refused one, and leave the
/// graph acyclic.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class CycleRaceTests : IAsyncLifetime
{
    private const int Rounds = 4;

    private readonly LineageApp _app = new();
    private HttpClient[] _clients = [];

    public ValueTask InitializeAsync()
    {
        _app.UseKestrel();
        _app.StartServer();
        var url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
        // Separate connections, so that the requests really are in flight together.
        _clients = [.. Enumerable.Range(0, 6).Select(_ =>
        {
            var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _app.AdminKey);
            return http;
        })];
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task rings_of_two_to_six_closed_at_once_by_separate_clients_never_commit_a_cycle()
    {
        var admin = _app.GraphQL();
        var attempts = 0;
        var refused = 0;
        for (var length = 2; length <= 6; length++)
        {
            for (var round = 0; round < Rounds; round++)
            {
                // Runs r0..r(n-1), each logging its version v_i; the ring is r_i using v_(i-1).
                var ring = $"acme/race/n{length}-{round}";
                for (var i = 0; i < length; i++)
                {
                    await admin.DataAsync(
                        "mutation ($p: String!, $n: String!, $r: String!, $d: String!) { createRun(input: { project: $p, name: $n }) { path } logArtifact(input: { run: $r, name: $n, type: \"dataset\", digest: $d }) { name } }",
                        new { p = "acme/race", n = $"n{length}-{round}-{i}", r = $"{ring}-{i}", d = $"sha256:{ring}-{i}" });
                }

                using var start = new Barrier(length);
                var results = await Task.WhenAll(Enumerable.Range(0, length).Select(i => Task.Run(async () =>
                {
                    var run = $"{ring}-{i}";
                    var version = $"{ring}-{(i + length - 1) % length}:v0";
                    start.SignalAndWait(TestContext.Current.CancellationToken);
                    using var response = await _clients[i].PostAsJsonAsync(
                        "graphql",
                        new { query = "mutation ($r: String!, $v: String!) { useArtifact(input: { run: $r, artifact: $v }) { name } }", variables = new { r = run, v = version } },
                        TestContext.Current.CancellationToken);
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                    var code = body.RootElement.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;
                    return (Run: run, Version: version, Code: code);
                })));

                attempts += length;
                Assert.All(results, r => Assert.True(r.Code is null or "CYCLE_DETECTED", $"{r.Run} using {r.Version}: {r.Code}"));
                var refusals = results.Where(r => r.Code is not null).ToList();
                refused += refusals.Count;
                Assert.NotEmpty(refusals);

                // What the server says happened is what is stored: applied edges are there, refused ones are not.
                foreach (var (run, version, code) in results)
                {
                    var used = await admin.DataAsync("query ($p: String!) { run(path: $p) { usedArtifacts(first: 10) { nodes { qualifiedName } } } }", new { p = run });
                    Assert.Equal(code is null, used.Strings("run.usedArtifacts.nodes", "qualifiedName").Contains(version));
                }

                // And the ring is open: downstream of v0, the walk never comes back to r0, the run that logged it.
                var lineage = await admin.DataAsync(
                    "query ($s: String!) { lineage(start: $s, direction: DOWNSTREAM, depth: 20) { nodes { path } } }", new { s = $"{ring}-0:v0" });
                Assert.DoesNotContain($"{ring}-0", lineage.Strings("lineage.nodes", "path"));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{attempts} racing edges in {5 * Rounds} rings: {refused} refused with CYCLE_DETECTED, none committed a cycle");
    }
}
