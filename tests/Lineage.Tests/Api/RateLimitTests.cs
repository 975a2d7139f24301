using System.Net;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>Each API key has its own token bucket; callers without a valid key share one per address.</summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly LineageApp _app = new()
    {
        RateLimit = options =>
        {
            options.PermitsPerSecond = 1;
            options.Burst = 3;
            options.AnonymousPermitsPerSecond = 1;
            options.AnonymousBurst = 2;
        },
    };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<List<GraphQLResponse>> BurstAsync(GraphQLClient client, int count)
    {
        var answers = new List<GraphQLResponse>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.Http.PostAsync(
                "/graphql",
                new StringContent("""{"query":"{ viewer { name } }"}""", System.Text.Encoding.UTF8, "application/json"),
                TestContext.Current.CancellationToken);
            var answer = await GraphQLResponse.ReadAsync(response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta;
                Assert.NotNull(retryAfter);
                Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
            }

            answers.Add(answer);
        }

        return answers;
    }

    [Fact]
    public async Task a_key_past_its_rate_gets_429_with_retry_after_while_other_keys_go_on()
    {
        var alice = await _app.UserAsync("alice");   // two admin requests: the admin bucket now holds one
        var admin = await BurstAsync(_app.GraphQL(), 8);

        Assert.Equal(HttpStatusCode.OK, admin[0].Status);
        var refused = admin.First(a => a.Status == HttpStatusCode.TooManyRequests);
        var error = Assert.Single(refused.Errors);
        Assert.Equal(("LIMIT_EXCEEDED", "rateLimit"), (error.Str("extensions.code"), error.Str("extensions.limit")));
        Assert.Contains("retry after", error.Str("message"), StringComparison.Ordinal);

        var own = await BurstAsync(alice, 3);
        Assert.All(own, a => Assert.Equal(HttpStatusCode.OK, a.Status));
    }

    [Fact]
    public async Task requests_without_a_valid_key_are_limited_per_address()
    {
        var guesses = await BurstAsync(_app.GraphQL("lin_000000000000_" + new string('x', 40)), 6);

        Assert.Equal(HttpStatusCode.Unauthorized, guesses[0].Status);
        Assert.Contains(guesses, g => g.Status == HttpStatusCode.TooManyRequests);
    }
}
