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

    /// <summary>
    /// The settings named LINEAGE_NEO4J_URL, _DATABASE, _USER, _PASSWORD and _TOKEN, read with
    /// <paramref name="setting"/>; a missing or malformed URL stops start-up with the reason.
    /// </summary>
    public static Neo4jStoreOptions FromSettings(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var url = setting("LINEAGE_NEO4J_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException("LINEAGE_STORE=neo4j needs LINEAGE_NEO4J_URL, the server's HTTP address, e.g. http://localhost:7474");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"LINEAGE_NEO4J_URL must be an http:// or https:// address such as http://localhost:7474, not '{url}'");
        }

        return new Neo4jStoreOptions
        {
            Url = uri,
            Database = setting("LINEAGE_NEO4J_DATABASE") is { Length: > 0 } database ? database : "neo4j",
            User = setting("LINEAGE_NEO4J_USER"),
            Password = setting("LINEAGE_NEO4J_PASSWORD"),
            Token = setting("LINEAGE_NEO4J_TOKEN"),
        };
    }

    public override string ToString() => $"{Url} database {Database}";
}
