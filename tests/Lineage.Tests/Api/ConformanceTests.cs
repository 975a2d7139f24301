using System.Diagnostics;
using System.Text.Json;
using Lineage.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Tests.Api;

/// <summary>
/// The graphql-http package's audits of the GraphQL-over-HTTP specification, against the real
/// server listening on loopback. Every audit must pass: MUST, SHOULD and MAY alike.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class ConformanceTests : IAsyncLifetime
{
    private readonly LineageApp _app = new();
    private string _url = "";

    public ValueTask InitializeAsync()
    {
        _app.UseKestrel();
        _app.StartServer();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        _url = addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal)) + "/graphql";
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task every_graphql_over_http_audit_passes()
    {
        var results = await RunAuditsAsync();

        Assert.True(results.Count >= 50, $"only {results.Count} audits ran");
        var failed = results.Where(r => r.Status != "ok").Select(r => $"{r.Status} {r.Id} {r.Name}: {r.Reason}").ToList();
        Assert.True(failed.Count == 0, "audits not passed:\n" + string.Join('\n', failed));
    }

    private async Task<List<AuditResult>> RunAuditsAsync()
    {
        var start = new ProcessStartInfo("node", ["audit.mjs", _url])
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "tests", "conformance"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LINEAGE_KEY"] = _app.AdminKey;
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, $"the audit script failed: {await errors}");
        return [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<AuditResult>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)];
    }

    private sealed record AuditResult(string Id, string Name, string Status, string? Reason);
}
