namespace Lineage.Server.GraphQL;

/// <summary>
/// Limits on what one request may ask for. Bound from configuration section <c>Lineage:Limits</c>;
/// the defaults are documented in README.md.
/// </summary>
public sealed class ApiLimits
{
    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body of OpenLineage events accepted at <c>/api/v1/lineage</c>, in bytes.</summary>
    public int MaxLineageEventBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Longest GraphQL document accepted, in characters.</summary>
    public int MaxDocumentLength { get; set; } = 32 * 1024;

    /// <summary>Deepest selection nesting accepted.</summary>
    public int MaxQueryDepth { get; set; } = 20;

    /// <summary>
    /// Largest computed query cost accepted: each field counts one, times the items the lists
    /// above it can return (a connection's <c>first</c>; a lineage's <c>maxNodes</c>, twice for edges).
    /// </summary>
    public int MaxComplexity { get; set; } = 200_000;

    /// <summary>Largest <c>first</c> of a connection.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Page size when <c>first</c> is not given.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest lineage <c>depth</c>.</summary>
    public int MaxLineageDepth { get; set; } = 100;

    /// <summary>Largest lineage <c>maxNodes</c>, and the most nodes all the lineage fields of one document may ask for together.</summary>
    public int MaxLineageNodes { get; set; } = 50_000;

    /// <summary>Lineage node budget when <c>maxNodes</c> is not given.</summary>
    public int DefaultLineageNodes { get; set; } = 1000;

    /// <summary>Largest JSON value (config, metadata) accepted, in bytes.</summary>
    public int MaxJsonBytes { get; set; } = 256 * 1024;

    /// <summary>Most entries in an artifact version's file manifest.</summary>
    public int MaxManifestFiles { get; set; } = 10_000;

    /// <summary>
    /// Largest answer, in bytes: an answer that would be larger is replaced by a LIMIT_EXCEEDED
    /// error (and a mutation with such an answer is not applied).
    /// </summary>
    public int MaxResponseBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Longest time one request may execute.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
