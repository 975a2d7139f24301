using Lineage.Neo4j;

namespace Lineage.Tests.Support;

/// <summary>
/// The Neo4j server the environment names for tests: LINEAGE_NEO4J_URL (with _USER, _PASSWORD,
/// _DATABASE). The store contract runs on it whenever it is set; the API suite too when
/// LINEAGE_TEST_STORE=neo4j. Every test empties the database first: point it at one kept for tests.
/// </summary>
internal static class TestNeo4j
{
    private static readonly string[] Names = ["LINEAGE_NEO4J_URL", "LINEAGE_NEO4J_USER", "LINEAGE_NEO4J_PASSWORD", "LINEAGE_NEO4J_DATABASE"];

    /// <summary>The server's options when the API suite runs on Neo4j; otherwise null.</summary>
    public static Neo4jStoreOptions? Options() =>
        string.Equals(Environment.GetEnvironmentVariable("LINEAGE_TEST_STORE"), "neo4j", StringComparison.OrdinalIgnoreCase)
            ? Neo4jStoreOptions.FromSettings(Environment.GetEnvironmentVariable)
            : null;

    /// <summary>Empties the test database, and gives the settings that put a server on it.</summary>
    public static IReadOnlyList<(string Name, string Value)> EmptyDatabase()
    {
        var options = Options() ?? throw new InvalidOperationException("LINEAGE_TEST_STORE is not neo4j");
        using (var client = new Neo4jClient(options))
        {
            client.RunAsync(CypherCatalog.Get("maintenance/erase-everything"), [], CancellationToken.None).GetAwaiter().GetResult();
        }

        return
        [
            ("LINEAGE_STORE", "neo4j"),
            .. Names.Where(n => Environment.GetEnvironmentVariable(n) is { Length: > 0 }).Select(n => (n, Environment.GetEnvironmentVariable(n)!)),
        ];
    }
}
