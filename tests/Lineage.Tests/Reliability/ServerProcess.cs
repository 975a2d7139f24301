using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lineage.Identity;
using Lineage.Tests.Support;

namespace Lineage.Tests.Reliability;

/// <summary>
/// The real server in its own process, on a fixed loopback port and data directory, so that it
/// can be killed without warning and started again on the same files.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly bool _firstStartKey;
    private Process? _process;

    /// <summary>
    /// A server on <paramref name="dataDirectory"/>; with <paramref name="firstStartKey"/>, the
    /// administrator's key is the one the first start writes to <c>data/admin-key</c>, as a
    /// newcomer gets it, rather than LINEAGE_ADMIN_KEY.
    /// </summary>
    public ServerProcess(string dataDirectory, bool firstStartKey = false)
    {
        _dataDirectory = dataDirectory;
        _firstStartKey = firstStartKey;
        Port = FreePort();
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public string AdminKey { get; private set; } = ApiKeyToken.Generate().Reveal();

    public string DatabasePath => Path.Combine(_dataDirectory, "lineage.db");

    public static string Assembly()
    {
        // The server is built next to the tests in the same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Path, "src", "Lineage.Server", "bin", configuration, "net10.0", "Lineage.Server.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"server not built at {path}");
    }

    /// <summary>Starts the server and waits until /healthz answers, that is until start-up is done.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [Assembly(), "--urls", Url.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.Exists(_dataDirectory) ? _dataDirectory : Path.GetDirectoryName(_dataDirectory)!,
        };
        start.Environment["LINEAGE_DATA_DIR"] = _dataDirectory;
        if (_firstStartKey)
        {
            start.Environment.Remove("LINEAGE_ADMIN_KEY");
        }
        else
        {
            start.Environment["LINEAGE_ADMIN_KEY"] = AdminKey;
        }

        start.Environment["Lineage__RateLimit__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode} while starting");
            }

            try
            {
                using var response = await http.GetAsync("healthz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    if (_firstStartKey)
                    {
                        AdminKey = (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "admin-key"), cancellationToken)).Trim();
                    }

                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new TimeoutException("the server did not come up within 60 s");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
