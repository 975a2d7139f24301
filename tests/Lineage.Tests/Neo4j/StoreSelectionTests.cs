using System.Text;
using Lineage.Neo4j;
using Lineage.Sqlite;
using Lineage.Store;
using Lineage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Tests.Neo4j;

/// <summary>LINEAGE_STORE and the LINEAGE_NEO4J_* settings, as the server reads them at start-up.</summary>
public sealed class StoreSelectionTests
{
    [Fact]
    public async Task the_server_on_neo4j_sets_up_the_schema_first_then_stops_when_neo4j_refuses_its_credentials()
    {
        var schema = CypherCatalog.Folder("schema").Select(s => s.Text).ToHashSet(StringComparer.Ordinal);
        var startUp = schema.Concat(CypherCatalog.Folder("maintenance").Select(s => s.Text)).ToHashSet(StringComparer.Ordinal);
        await using var fake = new FakeNeo4j(r => r.Statement is { } text && startUp.Contains(text)
            ? Neo4jAnswer.Rows([])
            : Neo4jAnswer.Error(401, "Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure."));
        await using var app = new LineageApp
        {
            Settings = new Dictionary<string, string>
            {
                ["LINEAGE_STORE"] = "neo4j",
                ["LINEAGE_NEO4J_URL"] = fake.Url.ToString(),
                ["LINEAGE_NEO4J_USER"] = "lineage",
                ["LINEAGE_NEO4J_PASSWORD"] = "pa55-word",
                ["LINEAGE_NEO4J_DATABASE"] = "graph",
            },
        };

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var refused = FindInner<Neo4jStoreException>(error);
        Assert.Contains("LINEAGE_NEO4J_USER", refused.Message, StringComparison.Ordinal);
        var sent = fake.Requests.ToList();
        Assert.Equal(schema.Count, sent.TakeWhile(r => r.Statement is { } t && schema.Contains(t)).Count());
        Assert.All(sent, r => Assert.StartsWith("/db/graph/query/v2", r.Path, StringComparison.Ordinal));
        Assert.All(sent, r => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("lineage:pa55-word")), r.Authorization));
        Assert.Equal("/db/graph/query/v2/tx", sent.First(r => r.Statement is not { } t || !startUp.Contains(t)).Path);
        Assert.DoesNotContain(app.Logs.Lines, e => e.Contains("pa55-word", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("neo4j", null, "LINEAGE_STORE=neo4j needs LINEAGE_NEO4J_URL")]
    [InlineData("neo4j", "bolt://localhost:7687", "must be an http:// or https:// address")]
    [InlineData("postgres", null, "LINEAGE_STORE is 'postgres'; it must be 'sqlite' (the default) or 'neo4j'")]
    public void a_store_setting_that_cannot_work_stops_start_up_with_the_reason(string store, string? url, string reason)
    {
        var settings = new Dictionary<string, string> { ["LINEAGE_STORE"] = store };
        if (url is not null)
        {
            settings["LINEAGE_NEO4J_URL"] = url;
        }

        using var app = new LineageApp { Settings = settings };

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(reason, FindInner<InvalidOperationException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void without_a_setting_the_server_runs_on_sqlite()
    {
        using var app = new LineageApp();

        Assert.IsType<SqliteLineageStore>(app.Services.GetRequiredService<ILineageStore>());
        Assert.Equal(Path.Combine(app.DataDirectory, "lineage.db"), app.Database.DatabasePath);
    }

    [Fact]
    public void the_embedded_store_reads_its_own_settings_and_names_a_bad_one()
    {
        var settings = new Dictionary<string, string?>
        {
            ["LINEAGE_DATA_DIR"] = "/srv/lineage",
            ["Lineage:DataDirectory"] = "/elsewhere",
            ["Lineage:Sqlite:FileName"] = "graph.db",
            ["Lineage:Sqlite:BusyTimeout"] = "00:00:05",
        };

        var options = SqliteStoreOptions.FromSettings(settings.GetValueOrDefault);

        Assert.Equal("/srv/lineage/graph.db", options.DatabasePath);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
        Assert.Equal(Path.GetFullPath("data/lineage.db"), SqliteStoreOptions.FromSettings(_ => null).DatabasePath);
        settings["Lineage:Sqlite:BusyTimeout"] = "soon";
        Assert.Contains("BusyTimeout must be a positive time span", Assert.Throws<InvalidOperationException>(() => SqliteStoreOptions.FromSettings(settings.GetValueOrDefault)).Message, StringComparison.Ordinal);
        settings["Lineage:Sqlite:BusyTimeout"] = null;
        settings["Lineage:Sqlite:FileName"] = "../outside.db";
        Assert.Contains("names a file inside the data directory", Assert.Throws<InvalidOperationException>(() => SqliteStoreOptions.FromSettings(settings.GetValueOrDefault)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_store_without_a_command_says_how_that_store_is_backed_up()
    {
        using var error = new StringWriter();

        var code = await new Neo4jStoreModule().RunCommandAsync(["backup", "x.db"], _ => null, TextWriter.Null, error);

        Assert.Equal(2, code);
        Assert.Contains("neo4j-admin database dump", error.ToString(), StringComparison.Ordinal);
    }

    private static T FindInner<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }

            if (e is AggregateException { InnerExceptions: var inner } && inner.OfType<T>().FirstOrDefault() is { } first)
            {
                return first;
            }
        }

        throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} in {error}");
    }
}
