using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lineage.Bench;

/// <summary>
/// The service end to end: starts the server process on the benchmark's database, times its
/// start-up, drives GraphQL queries over HTTP with many connections (wrk when it is installed,
/// otherwise a load generator in this process), and reads the server's peak memory.
/// </summary>
public sealed partial class HttpBench : IAsyncDisposable
{
    private readonly Process _server;
    private readonly HttpClient _http;
    private readonly string _key;

    private HttpBench(Process server, HttpClient http, string key, double startupSeconds)
    {
        _server = server;
        _http = http;
        _key = key;
        StartupSeconds = startupSeconds;
    }

    public double StartupSeconds { get; }

    public string Url => _http.BaseAddress + "graphql";

    public string BaseUrl => _http.BaseAddress!.ToString();

    /// <summary>The administrator's key the server was started with.</summary>
    public string Key => _key;

    /// <summary>The garbage collector's youngest-generation budget the server runs with, as the launch profile and the container image start it.</summary>
    public const string GcGen0Size = "0x2000000";

    public static async Task<HttpBench> StartAsync(string serverDll, string dataDirectory, int port, TextWriter log)
    {
        var key = "lin_benchmark000_" + new string('K', 40);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LINEAGE_DATA_DIR"] = dataDirectory;
        start.Environment["LINEAGE_ADMIN_KEY"] = key;
        start.Environment["Lineage__RateLimit__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        start.Environment["DOTNET_GCgen0size"] = GcGen0Size;

        var clock = Stopwatch.StartNew();
        var server = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        server.OutputDataReceived += (_, e) => { };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine($"server: {e.Data}"); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {server.ExitCode} while starting");
            }

            try
            {
                using var response = await http.PostAsJsonAsync("graphql", new { query = "{ viewer { name } }" }).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("the server did not answer within five minutes");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return new HttpBench(server, http, key, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Checks that the query answers without errors, then loads the server with it, as the administrator or with <paramref name="apiKey"/>.</summary>
    public async Task<LoadResult> LoadAsync(string key, string query, int connections, TimeSpan duration, string? apiKey = null, string principal = "admin")
    {
        var bearer = apiKey ?? _key;
        using (var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query }) })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("errors", out _))
            {
                throw new InvalidOperationException($"the query {key} answered with errors: {body}");
            }
        }

        var payload = JsonSerializer.Serialize(new { query });
        var result = WrkPath() is { } wrk
            ? await WrkAsync(wrk, key, query, payload, bearer, connections, duration).ConfigureAwait(false)
            : await InProcessAsync(key, query, payload, bearer, connections, duration).ConfigureAwait(false);
        return result with { As = principal };
    }

    /// <summary>Makes a user with the MEMBER role in <paramref name="ns"/> and returns an API key of theirs.</summary>
    public async Task<string> MemberKeyAsync(string name, string ns)
    {
        var query = $$"""
            mutation {
              createUser(input: { name: "{{name}}" }) { name }
              grantRole(input: { resource: "{{ns}}", member: "{{name}}", role: MEMBER }) { role }
              createApiKey(input: { owner: "{{name}}", name: "bench" }) { key }
            }
            """;
        using var response = await _http.PostAsJsonAsync("graphql", new { query }).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return json.RootElement.GetProperty("data").GetProperty("createApiKey").GetProperty("key").GetString()
            ?? throw new InvalidOperationException("no key was made for the member");
    }

    public static string LoadGenerator => WrkPath() is null ? "in-process HttpClient" : "wrk";

    /// <summary>The memory the server process holds now (VmRSS), in bytes.</summary>
    public long RssBytes()
    {
        var status = File.ReadAllLines($"/proc/{_server.Id}/status");
        var line = status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(Digits().Match(line).Value, CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The client the load runs on: authorized as the administrator.</summary>
    public HttpClient Client => _http;

    /// <summary>The most memory the server process has held (VmHWM), in bytes.</summary>
    public long PeakRssBytes()
    {
        var status = File.ReadAllLines($"/proc/{_server.Id}/status");
        var line = status.First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(Digits().Match(line).Value, CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync().ConfigureAwait(false);
        }

        _server.Dispose();
    }

    private static string? WrkPath() =>
        new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);

    private async Task<LoadResult> WrkAsync(string wrk, string key, string query, string payload, string bearer, int connections, TimeSpan duration)
    {
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(
            script,
            $"""
            wrk.method = "POST"
            wrk.body = {LuaString(payload)}
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Authorization"] = "Bearer {bearer}"
            """).ConfigureAwait(false);
        try
        {
            // A short warm-up first, so that the measured run sees a warm server.
            await RunWrkAsync(wrk, script, connections, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            var output = await RunWrkAsync(wrk, script, connections, duration).ConfigureAwait(false);
            var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            var errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new LoadResult(key, query, rps, Percentile(output, "50%"), Percentile(output, "99%"), errors);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private async Task<string> RunWrkAsync(string wrk, string script, int connections, TimeSpan duration)
    {
        var start = new ProcessStartInfo(wrk)
        {
            ArgumentList = { "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", script, Url },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return output;
    }

    private async Task<LoadResult> InProcessAsync(string key, string query, string payload, string bearer, int connections, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections };
        using var client = new HttpClient(handler) { BaseAddress = _http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var samples = new List<double>[connections];
        long errors = 0;
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            samples[c] = [];
            while (deadline.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("graphql", content).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }

                samples[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ConfigureAwait(false);
        var all = samples.SelectMany(s => s).Order().ToList();
        return new LoadResult(key, query, all.Count / deadline.Elapsed.TotalSeconds, all[all.Count / 2], all[Math.Min(all.Count - 1, (int)(all.Count * 0.99))], errors);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static string LuaString(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
