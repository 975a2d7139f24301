using Lineage.Server.GraphQL;
using Lineage.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lineage.Tests.Support;

/// <summary>The real server in process, on its own SQLite file.</summary>
public sealed class LineageApp : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();

    /// <summary>Changes to the API limits, applied after configuration.</summary>
    public Action<ApiLimits>? Limits { get; init; }

    /// <summary>When set, every store call waits this long first.</summary>
    public TimeSpan? StoreDelay { get; init; }

    public string DataDirectory => _data.Path;

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public GraphQLClient GraphQL() => new(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LINEAGE_DATA_DIR", _data.Path);
        // Any free loopback port when a test asks for a real Kestrel server.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (Limits is not null)
        {
            builder.ConfigureServices(services => services.PostConfigure(Limits));
        }

        if (StoreDelay is { } delay)
        {
            builder.ConfigureServices(services => services.AddSingleton(
                sp => SlowStore.Wrap(sp.GetRequiredService<SqliteLineageStore>(), delay)));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
