using System.Text.Json;
using Lineage.Bench;
using Lineage.Tests.Support;

namespace Lineage.Tests.Bench;

/// <summary>
/// The benchmark measures the server as it is started for use: the launch profile behind
/// <c>dotnet run</c> and the container image give it the same garbage-collector budget.
/// </summary>
public sealed class GcSettingTests
{
    [Fact]
    public void the_launch_profile_and_the_container_image_set_the_gc_budget_the_benchmark_runs_with()
    {
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Lineage.Server", "Properties", "launchSettings.json")));
        var profile = launch.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal("Project", profile.GetProperty("commandName").GetString());
        Assert.Equal(HttpBench.GcGen0Size, profile.GetProperty("environmentVariables").GetProperty("DOTNET_GCgen0size").GetString());

        // The profile leaves the address to the server's own default (or --urls).
        Assert.False(profile.TryGetProperty("applicationUrl", out _));

        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));
        Assert.Contains($"DOTNET_GCgen0size={HttpBench.GcGen0Size}", dockerfile, StringComparison.Ordinal);
    }
}
