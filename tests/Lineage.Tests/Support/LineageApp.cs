using System.Net.Http.Headers;
using Lineage.Application;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Neo4j;
using Lineage.Server.Auth;
using Lineage.Server.GraphQL;
using Lineage.Server.Hosting;
using Lineage.Sqlite;
using Lineage.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lineage.Tests.Support;

/// <summary>
/// The real server in process, on its own SQLite file; or, when LINEAGE_TEST_STORE=neo4j and
/// LINEAGE_NEO4J_URL (with _USER, _PASSWORD, _DATABASE) point at a Neo4j server kept for tests,
/// on that server, emptied first. Such a run must not run test classes side by side (see
/// docs/architecture.md, "Tests"). A test that reads the SQLite file itself is skipped there.
/// </summary>
public sealed class LineageApp : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();

    // Set once the server has started: a store delay applies to requests, not to start-up.
    private volatile bool _started;

    /// <summary>The bootstrap administrator's key (LINEAGE_ADMIN_KEY); clients send it unless told otherwise.</summary>
    public string AdminKey { get; } = ApiKeyToken.Generate().Reveal();

    /// <summary>The server's clock; tests move it forward to expire keys.</summary>
    public ShiftedTime Clock { get; } = new();

    /// <summary>Everything the server logged at <see cref="LogLevel"/> and above.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>The least severe log level kept; Warning unless a test wants to read more.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Per-key rate limits; off unless a test sets them.</summary>
    public Action<RateLimitOptions>? RateLimit { get; init; }

    /// <summary>Changes to the API limits, applied after configuration.</summary>
    public Action<ApiLimits>? Limits { get; init; }

    /// <summary>When set, every store call waits this long first.</summary>
    public TimeSpan? StoreDelay { get; init; }

    /// <summary>
    /// Organizations an administrator makes (createNamespace) before the tests begin: runs are
    /// recorded only in namespaces that exist. <c>acme</c> unless a test says otherwise.
    /// </summary>
    public IReadOnlyList<string> Organizations { get; init; } = ["acme"];

    /// <summary>More settings, as the environment would give them (LINEAGE_STORE, LINEAGE_NEO4J_URL, ...).</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    public string DataDirectory => _data.Path;

    /// <summary>The SQLite database behind the server; a test that needs it is skipped when the server runs on Neo4j.</summary>
    public SqliteDatabase Database
    {
        get
        {
            if (OnNeo4j)
            {
                Assert.Skip("this test reads the server's SQLite file, and the suite runs on Neo4j (LINEAGE_TEST_STORE=neo4j)");
            }

            return Services.GetRequiredService<SqliteDatabase>();
        }
    }

    /// <summary>Whether this server runs on the Neo4j server the environment names for tests.</summary>
    public bool OnNeo4j => Settings?.ContainsKey("LINEAGE_STORE") != true && TestNeo4j.Options() is not null;

    /// <summary>A client that acts as the bootstrap administrator.</summary>
    public GraphQLClient GraphQL() => new(CreateClient());

    /// <summary>A client that sends <paramref name="key"/>, or no key at all when it is null.</summary>
    public GraphQLClient GraphQL(string? key)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        return new GraphQLClient(http);
    }

    /// <summary>Creates a user through the API and returns a client holding a fresh key of theirs.</summary>
    public async Task<GraphQLClient> UserAsync(string name)
    {
        var admin = GraphQL();
        await admin.DataAsync("mutation ($name: String!) { createUser(input: { name: $name }) { name } }", new { name });
        var created = await admin.DataAsync(
            "mutation ($name: String!) { createApiKey(input: { owner: $name, name: \"test\" }) { key } }", new { name });
        return GraphQL(created.Str("createApiKey.key"));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _started = true;
        return host;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LINEAGE_DATA_DIR", _data.Path);
        builder.UseSetting("LINEAGE_ADMIN_KEY", AdminKey);
        if (OnNeo4j)
        {
            foreach (var (name, value) in TestNeo4j.EmptyDatabase())
            {
                builder.UseSetting(name, value);
            }
        }

        foreach (var (name, value) in Settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupStep>(sp => new OrganizationsStep(sp.GetRequiredService<Identities>(), Organizations));
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigure<RateLimitOptions>(options =>
            {
                options.Enabled = RateLimit is not null;
                RateLimit?.Invoke(options);
            });
        });
        // Any free loopback port when a test asks for a real Kestrel server.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel).AddProvider(Logs));
        if (Limits is not null)
        {
            builder.ConfigureServices(services => services.PostConfigure(Limits));
        }

        if (StoreDelay is { } delay)
        {
            builder.ConfigureServices(services =>
            {
                var store = OnNeo4j ? typeof(Neo4jLineageStore) : typeof(SqliteLineageStore);
                services.AddSingleton(sp => SlowStore.Wrap((ILineageStore)sp.GetRequiredService(store), delay, () => _started));
                services.AddSingleton(sp => SlowStore.Wrap((IStoreSessionSource)sp.GetRequiredService(store), delay, () => _started));
            });
        }
    }

    /// <summary>Makes the test's organizations, after the store's own start-up steps.</summary>
    private sealed class OrganizationsStep(Identities identities, IReadOnlyList<string> names) : IStartupStep
    {
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            foreach (var name in names)
            {
                await identities.CreateNamespaceAsync(new CreateNamespaceCommand(name, NamespaceKind.Organization, null), Actor.System("admin"), cancellationToken);
            }
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
