namespace Lineage.Neo4j;

/// <summary>Where the Neo4j store finds its server, and how it signs in.</summary>
public sealed class Neo4jStoreOptions
{
    /// <summary>The server's HTTP address, e.g. <c>http://localhost:7474</c> (LINEAGE_NEO4J_URL).</summary>
    public required Uri Url { get; init; }

    /// <summary>The database to use (LINEAGE_NEO4J_DATABASE); <c>neo4j</c> by default.</summary>
    public string Database { get; init; } = "neo4j";

    /// <summary>Basic authentication (LINEAGE_NEO4J_USER, LINEAGE_NEO4J_PASSWORD).</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>Bearer authentication (LINEAGE_NEO4J_TOKEN), used instead of a user and password.</summary>
    public string? Token { get; init; }

    /// <summary>How many times a request that failed for a passing reason is tried in all.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait before the first retry; each later retry waits twice as long, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long one HTTP request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public override string ToString() => $"{Url} database {Database}";
}
