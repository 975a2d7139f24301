namespace Lineage.Server.Auth;

/// <summary>Per-key request rate limits, bound from <c>Lineage:RateLimit</c>; a token bucket per key.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Whether requests are limited at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second an API key may sustain. Default 200.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests an API key may send at once after a quiet spell. Default 400.</summary>
    public int Burst { get; set; } = 400;

    /// <summary>Requests per second from one address without a valid key (all get 401). Default 20.</summary>
    public int AnonymousPermitsPerSecond { get; set; } = 20;

    /// <summary>Burst for requests without a valid key, per address. Default 40.</summary>
    public int AnonymousBurst { get; set; } = 40;
}
