using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lineage.Names;
using Lineage.OpenLineage;

namespace Lineage.Tests.Lineage;

/// <summary>How OpenLineage's names and facets become Lineage names and digests.</summary>
public sealed class OpenLineageNamesTests
{
    [Theory]
    [InlineData("etl", "etl")]
    [InlineData("daily.load_orders", "daily.load_orders")]
    [InlineData("postgres://db:5432", "postgres-db-5432-")]
    [InlineData("s3://bucket/path to/x", "s3-bucket-path-to-x-")]
    [InlineData("://", "ol-")]
    [InlineData("..", "..-")]
    public void a_name_is_kept_when_valid_and_otherwise_made_valid_with_a_hash_of_the_original(string value, string start)
    {
        var name = OpenLineageNames.Name(value);
        Assert.True(NameRules.IsValidName(name), name);
        Assert.StartsWith(start, name, StringComparison.Ordinal);
        if (name != value)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
            Assert.EndsWith($"-{hash}", name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void values_that_clean_up_alike_stay_different_names()
    {
        Assert.NotEqual(OpenLineageNames.Name("a/b"), OpenLineageNames.Name("a:b"));
        var longName = new string('x', 300);
        Assert.Equal(NameRules.MaxLength, OpenLineageNames.Name(longName).Length);
        Assert.NotEqual(OpenLineageNames.Name(longName), OpenLineageNames.Name(longName + "y"));
    }

    [Fact]
    public void a_run_name_ends_with_the_whole_run_id_even_for_a_long_job_name()
    {
        var id = Guid.Parse("0193a3b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b");
        Assert.Equal("daily.load-0193a3b27c4d7e8f9a0b1c2d3e4f5a6b", OpenLineageNames.RunName("daily.load", id));
        var longRun = OpenLineageNames.RunName(new string('j', 200), id);
        Assert.Equal(NameRules.MaxLength, longRun.Length);
        Assert.EndsWith("-0193a3b27c4d7e8f9a0b1c2d3e4f5a6b", longRun, StringComparison.Ordinal);
        Assert.True(NameRules.IsValidName(OpenLineageNames.SourceRunName(new string('a', 128))));
    }

    private static JsonElement Facets(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void the_digest_of_facets_ignores_key_order_and_who_produced_them_but_not_their_content()
    {
        var a = Facets("""{"schema":{"_producer":"https://a","_schemaURL":"https://s","fields":[{"name":"id","type":"INT"}]},"dataSource":{"_producer":"https://a","_schemaURL":"https://d","uri":"pg://x"}}""");
        var b = Facets("""{"dataSource":{"uri":"pg://x","_schemaURL":"https://d","_producer":"https://b"},"schema":{"fields":[{"type":"INT","name":"id"}],"_schemaURL":"https://s","_producer":"https://b"}}""");
        var c = Facets("""{"schema":{"_producer":"https://a","_schemaURL":"https://s","fields":[{"name":"id","type":"BIGINT"}]},"dataSource":{"_producer":"https://a","_schemaURL":"https://d","uri":"pg://x"}}""");
        Assert.Equal(OpenLineageNames.Digest(a), OpenLineageNames.Digest(b));
        Assert.NotEqual(OpenLineageNames.Digest(a), OpenLineageNames.Digest(c));
        Assert.StartsWith("sha256:", OpenLineageNames.Digest(null), StringComparison.Ordinal);
        Assert.Equal(OpenLineageNames.Digest(null), OpenLineageNames.Digest(Facets("{}")));
    }

    [Fact]
    public void a_version_facet_alone_decides_the_digest()
    {
        var v1 = Facets("""{"version":{"_producer":"https://a","_schemaURL":"https://v","datasetVersion":"17"},"schema":{"_producer":"https://a","_schemaURL":"https://s","fields":[]}}""");
        var v1Bare = Facets("""{"version":{"_producer":"https://b","_schemaURL":"https://v","datasetVersion":"17"}}""");
        var v2 = Facets("""{"version":{"_producer":"https://a","_schemaURL":"https://v","datasetVersion":"18"}}""");
        Assert.Equal("17", OpenLineageNames.DeclaredVersion(v1));
        Assert.Equal(OpenLineageNames.Digest(v1), OpenLineageNames.Digest(v1Bare));
        Assert.NotEqual(OpenLineageNames.Digest(v1), OpenLineageNames.Digest(v2));
    }

    [Theory]
    [InlineData("""{"datasetType":{"_producer":"https://a","_schemaURL":"https://t","datasetType":"TABLE"}}""", "table")]
    [InlineData("""{"datasetType":{"_producer":"https://a","_schemaURL":"https://t","datasetType":"not a name"}}""", "dataset")]
    [InlineData("""{"schema":{"_producer":"https://a","_schemaURL":"https://s","fields":[]}}""", "dataset")]
    public void the_artifact_type_comes_from_the_dataset_type_facet_when_it_is_a_valid_name(string facets, string type) =>
        Assert.Equal(type, OpenLineageNames.ArtifactType(Facets(facets)));
}
