using Lineage.Errors;
using Lineage.Names;

namespace Lineage.Tests.Names;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("rural-feather-20")]
    [InlineData("split_zoo_dataset")]
    [InlineData("v1.2.3")]
    [InlineData("A.b-C_9")]
    public void names_of_letters_digits_dots_dashes_and_underscores_are_valid(string name) =>
        Assert.Equal(name, NameRules.RequireName(name, "name"));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("colon:inside")]
    [InlineData("émoji")]
    [InlineData("'; DROP TABLE runs; --")]
    [InlineData("MATCH (n) DETACH DELETE n")]
    [InlineData(".")]
    [InlineData("..")]
    public void other_names_are_refused_naming_the_rule(string name)
    {
        var refused = Assert.Throws<InvalidArgumentException>(() => NameRules.RequireName(name, "run name"));
        Assert.Contains(NameRules.Rule, refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("run name", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void names_longer_than_128_characters_are_refused()
    {
        Assert.Equal(128, NameRules.RequireName(new string('a', 128), "name").Length);
        Assert.Throws<InvalidArgumentException>(() => NameRules.RequireName(new string('a', 129), "name"));
    }

    [Theory]
    [InlineData("v0")]
    [InlineData("v12")]
    [InlineData("latest")]
    [InlineData("bad alias")]
    public void aliases_that_look_like_versions_or_are_kept_by_the_service_are_refused(string alias) =>
        Assert.Throws<InvalidArgumentException>(() => NameRules.RequireUserAlias(alias));

    [Theory]
    [InlineData("production")]
    [InlineData("v")]
    [InlineData("v1a")]
    [InlineData("V1")]
    public void ordinary_aliases_are_accepted(string alias) => Assert.Equal(alias, NameRules.RequireUserAlias(alias));

    [Fact]
    public void version_names_resolve_to_an_index_an_alias_or_latest()
    {
        var byIndex = VersionRef.Parse("acme/zoo/split_zoo_dataset:v4");
        Assert.Equal(("acme", "zoo", "split_zoo_dataset", 4), (byIndex.Namespace, byIndex.Project, byIndex.Artifact, byIndex.Selector.Index));
        Assert.Equal("production", VersionRef.Parse("acme/zoo/model:production").Selector.Alias);
        Assert.True(VersionRef.Parse("acme/zoo/model:latest").Selector.IsLatest);
        Assert.True(VersionRef.Parse("acme/zoo/model").Selector.IsLatest);
        Assert.Equal("acme/zoo/split_zoo_dataset:v4", byIndex.ToString());
    }

    [Theory]
    [InlineData("acme/zoo:v1")]
    [InlineData("acme/zoo/a/b:v1")]
    [InlineData("acme/zoo/model:")]
    [InlineData("acme/zoo/model:v99999999999")]
    [InlineData("acme/zoo/model:v1:v2")]
    [InlineData("../../etc/passwd:v0")]
    public void malformed_version_names_are_refused(string name) =>
        Assert.Throws<InvalidArgumentException>(() => VersionRef.Parse(name));

    [Fact]
    public void paths_need_exactly_their_segments()
    {
        Assert.Equal("acme/zoo/r", RunPath.Parse("acme/zoo/r").ToString());
        Assert.Equal("acme/zoo", ProjectPath.Parse("acme/zoo").ToString());
        var refused = Assert.Throws<InvalidArgumentException>(() => RunPath.Parse("acme/zoo"));
        Assert.Contains("namespace/project/run", refused.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidArgumentException>(() => ProjectPath.Parse("acme"));
        Assert.Throws<InvalidArgumentException>(() => ProjectPath.Parse(""));
        Assert.Throws<InvalidArgumentException>(() => RunPath.Parse(new string('a', 600)));
    }

    [Theory]
    [InlineData("sha256:9f86d081884c7d65")]
    [InlineData("5Zk1b0VwZlhZ8w==")]
    public void digests_are_printable_ascii_without_spaces(string digest) => Assert.Equal(digest, ContentRules.RequireDigest(digest));

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("tab\there")]
    public void other_digests_are_refused(string digest) => Assert.Throws<InvalidArgumentException>(() => ContentRules.RequireDigest(digest));
}
