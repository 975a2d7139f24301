using System.Diagnostics;
using Lineage.Tests.Reliability;
using Lineage.Tests.Support;

namespace Lineage.Tests.Clients;

/// <summary>
/// The Python client's own tests (<c>clients/python/tests</c>), run with Debian's pytest against
/// the server this build made: they start it themselves, so that they can kill and restart it.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class PythonClientTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task the_python_clients_tests_pass_against_the_server()
    {
        var client = Path.Combine(RepositoryRoot.Path, "clients", "python");
        var start = new ProcessStartInfo(Python, ["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"])
        {
            WorkingDirectory = client,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LINEAGE_SERVER_DLL"] = ServerProcess.Assembly();
        start.Environment["PYTHONPATH"] = client;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var pytest = Process.Start(start) ?? throw new InvalidOperationException("pytest did not start");
        var output = pytest.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = pytest.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await pytest.WaitForExitAsync(TestContext.Current.CancellationToken);
        var report = await output + await errors;
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        // Exit code 5 is "no tests collected": that must fail too.
        Assert.True(pytest.ExitCode == 0, $"pytest exited with {pytest.ExitCode}:\n{report}");
        Assert.Matches(@"\d+ passed", report);
    }
}
