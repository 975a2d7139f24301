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
    private readonly Action<ApiLimits>? _limits;

    public LineageApp()
    {
    }

    public LineageApp(Action<ApiLimits> limits)
    {
        _limits = limits;
    }

    public string DataDirectory => _data.Path;

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public GraphQLClient GraphQL() => new(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LINEAGE_DATA_DIR", _data.Path);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (_limits is not null)
        {
            builder.ConfigureServices(services => services.PostConfigure(_limits));
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
