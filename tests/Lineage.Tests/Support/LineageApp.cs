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

    public string DataDirectory => _data.Path;

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public GraphQLClient GraphQL() => new(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LINEAGE_DATA_DIR", _data.Path);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (Limits is not null)
        {
            builder.ConfigureServices(services => services.PostConfigure(Limits));
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
