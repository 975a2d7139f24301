using System.Diagnostics;
using System.Security.Cryptography;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using Lineage.Application;
using Lineage.Errors;
using Lineage.Server.Auth;
using Lineage.Server.GraphQL;
using Lineage.Server.GraphQL.Errors;
using Lineage.Server.GraphQL.Streaming;
using Lineage.Server.Hosting;
using Lineage.Server.Http;
using Microsoft.Extensions.Options;

namespace Lineage.Server;

public static class LineageHostingExtensions
{
    /// <summary>The address served when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>The response header carrying the request id that audit events record.</summary>
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>Registers the store, the GraphQL schema and the HTTP endpoint, bound to configuration.</summary>
    public static WebApplicationBuilder AddLineage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.Configure<LineageServerOptions>(options =>
        {
            configuration.GetSection("Lineage").Bind(options);
            if (configuration["LINEAGE_ADMIN_KEY"] is { Length: > 0 } adminKey)
            {
                options.AdminKey = adminKey;
            }

            if (configuration["LINEAGE_DATA_DIR"] is { Length: > 0 } dataDirectory)
            {
                options.DataDirectory = dataDirectory;
            }
        });
        services.Configure<RateLimitOptions>(configuration.GetSection("Lineage:RateLimit"));
        services.Configure<ApiLimits>(configuration.GetSection("Lineage:Limits"));
        services.AddSingleton(TimeProvider.System);
        StoreSelection.AddStore(services, configuration);
        services.AddHostedService<StartupService>();
        services.AddSingleton<IdleMemoryTrimmer>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleMemoryTrimmer>());
        services.PostConfigure<LoggerFilterOptions>(KeepUrlsOutOfLogs);

        // The core of authentication only: the full AddAuthentication also brings data
        // protection, whose key ring would be written to the user's profile for nothing.
        services.AddAuthenticationCore(options =>
        {
            options.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, displayName: null);
            options.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
        });
        services.AddWebEncoders();
        services.AddApiKeyRateLimiter();
        services.AddSingleton<IActorAccessor, ApiKeyActorAccessor>();
        services.AddSingleton<OpaqueIds>();
        services.AddSingleton<LineageWrites>();
        services.AddSingleton<Identities>();
        services.AddSingleton<Registries>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<AnswerSerializer>();
        services.AddSingleton<HistoryExportEndpoint>();
        services.AddSingleton<LineageExportEndpoint>();
        services.AddSingleton<OpenLineageIngest>();
        services.AddSingleton<OpenLineageEndpoint>();

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<LineageSchema>()
            .AddGraphTypes(typeof(LineageSchema).Assembly)
            .AddSerializer(services => services.GetRequiredService<AnswerSerializer>())
            .AddErrorInfoProvider<LineageErrorInfoProvider>()
            .AddExecutionStrategy<QueryExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            .AddExecutionStrategy<MutationExecutionStrategy>(GraphQLParser.AST.OperationType.Mutation)
            .ConfigureExecutionOptions(options =>
            {
                // Limits are read per request from the options system, so configuration
                // (and tests) can set them after the services are registered.
                var limits = options.RequestServices!.GetRequiredService<IOptions<ApiLimits>>().Value;
                options.Timeout = limits.ExecutionTimeout;
                options.TimeoutAction = TimeoutAction.ReturnTimeoutError;
                options.ValidationRules = options.UserContext is LineageContext { CostChecked: true } && options.ValidationRules is { } rules
                    ? rules
                    : [.. options.ValidationRules ?? DocumentValidator.CoreRules, QueryCost.Rule(limits)];
            })
            .AddUnhandledExceptionHandler(context =>
            {
                context.Exception = ToClientError(context.OriginalException, context.Context?.RequestServices);
                return Task.CompletedTask;
            }));
        return builder;
    }

    /// <summary>Serves the web page, authenticates API keys, limits each key's request rate, and maps <c>/graphql</c>, the <c>/history</c> and <c>/lineage/export</c> exports, OpenLineage's <c>/api/v1/lineage</c> and <c>/healthz</c>.</summary>
    public static WebApplication MapLineage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Audit events record this id as requestId; clients read it to find their own changes.
        // It is random: the host's own ids count connections across the whole server.
        var requests = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestLogCategory);
        var trimmer = app.Services.GetRequiredService<IdleMemoryTrimmer>();
        app.Use(trimmer.TrackAsync);
        app.Use(async (http, next) =>
        {
            http.TraceIdentifier = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
            http.Response.Headers[RequestIdHeader] = http.TraceIdentifier;
            var started = Stopwatch.GetTimestamp();
            await next(http).ConfigureAwait(false);
            if (requests.IsEnabled(LogLevel.Debug))
            {
                // The path only: query strings can carry secrets, and reach no log.
                requests.LogDebug(
                    "{Method} {Path} answered {Status} in {Milliseconds:F1} ms",
                    http.Request.Method, http.Request.Path.Value, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        app.UseWebPage();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Map("/graphql", (HttpContext http, GraphQLHttpEndpoint endpoint) => endpoint.HandleAsync(http));
        app.Map("/history", (HttpContext http, HistoryExportEndpoint endpoint) => endpoint.HandleAsync(http));
        app.Map("/lineage/export", (HttpContext http, LineageExportEndpoint endpoint) => endpoint.HandleAsync(http));
        app.Map("/api/v1/lineage", (HttpContext http, OpenLineageEndpoint endpoint) => endpoint.HandleAsync(http));

        // Liveness for container health checks: answers once start-up (schema, administrator) is done.
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        return app;
    }

    /// <summary>The category of the server's own per-request log line (Debug: method, path, status, time).</summary>
    public const string RequestLogCategory = "Lineage.Server.Requests";

    /// <summary>
    /// Log categories that would write whole request URLs (query strings, where a careless client
    /// may put a key) or a stack trace for a start-up failure already reported in one line, with
    /// the most verbose level they may log at. Applied after configuration, for every provider,
    /// so that no setting makes them more verbose.
    /// </summary>
    private static readonly (string Category, LogLevel Level)[] Quieted =
    [
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning),
        ("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information),
        ("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical),
    ];

    private static void KeepUrlsOutOfLogs(LoggerFilterOptions options)
    {
        foreach (var provider in options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
        {
            foreach (var (category, level) in Quieted)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, level, filter: null));
            }
        }
    }

    private static Exception ToClientError(Exception exception, IServiceProvider? services)
    {
        if (exception is LineageException lineage)
        {
            return new LineageExecutionError(lineage);
        }

        // Anything else is the server's fault: log it whole, tell the client only that it happened.
        var logger = services?.GetService<ILoggerFactory>()?.CreateLogger("Lineage.Server.GraphQL");
        logger?.LogError(exception, "Unhandled error while resolving a GraphQL field");
        return new LineageExecutionError(ErrorCodes.Internal, "internal server error; the server log has the details");
    }
}
