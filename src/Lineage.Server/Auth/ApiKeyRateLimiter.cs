using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Lineage.Errors;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Auth;

/// <summary>
/// One token bucket per API key, and one per client address for requests without a valid key
/// (so that guessing keys is slow too). Refusals are HTTP 429 with <c>Retry-After</c> and a
/// GraphQL error with code <c>LIMIT_EXCEEDED</c>.
/// </summary>
internal static class ApiKeyRateLimiter
{
    public static IServiceCollection AddApiKeyRateLimiter(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                var key = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
                return key is not null
                    ? RateLimitPartition.GetTokenBucketLimiter("key:" + key, _ => Bucket(options.PermitsPerSecond, options.Burst))
                    : RateLimitPartition.GetTokenBucketLimiter(
                        "address:" + context.Connection.RemoteIpAddress, _ => Bucket(options.AnonymousPermitsPerSecond, options.AnonymousBurst));
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 1;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                response.ContentType = "application/json; charset=utf-8";
                var body = new
                {
                    errors = new[]
                    {
                        new
                        {
                            message = $"too many requests for this API key; retry after {seconds} s (limit rateLimit)",
                            extensions = new { code = ErrorCodes.LimitExceeded, limit = "rateLimit" },
                        },
                    },
                };
                await JsonSerializer.SerializeAsync(response.Body, body, cancellationToken: cancellationToken).ConfigureAwait(false);
            };
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
