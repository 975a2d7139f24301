using System.Text.Json;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Neo4j;
using Lineage.Registry;

namespace Lineage.Tests.Neo4j;

/// <summary>
/// Records read out of maps shaped as the statements of <c>cypher/</c> return them (<c>n {.*}</c> plus
/// what the statement adds): the one check of the Neo4j store's reading that needs no server.
/// </summary>
public sealed class RecordsTests
{
    private const string Source = """
        {"id": 7, "artifactId": 3, "projectId": 2, "namespaceId": 1, "namespace": "acme", "project": "zoo",
         "artifactName": "model", "type": "model", "versionIndex": 4, "digest": "m4", "metadata": "{\"acc\":0.9}",
         "size": 12, "loggedByRunId": 5, "createdAt": "2026-01-02T03:04:05.0000000Z", "createdBy": "ada",
         "description": "weights after one epoch"}
        """;

    [Fact]
    public void a_version_map_is_read_with_every_stored_property_and_latest_after_its_aliases()
    {
        using var map = JsonDocument.Parse(Source[..^1] + """, "aliases": ["best"], "latest": true}""");

        var version = Records.Version(map.RootElement);

        Assert.Equal(("acme/zoo/model:v4", 7L, 3L, "m4", """{"acc":0.9}""", 12L, 5L, "ada", "weights after one epoch"),
            (version.QualifiedName, version.Id, version.ArtifactId, version.Digest, version.MetadataJson, version.Size, version.LoggedByRunId, version.CreatedBy, version.Description));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), version.CreatedAt);
        Assert.Equal(["best", "latest"], version.Aliases);
        Assert.Null(version.Link);
    }

    [Fact]
    public void a_link_map_is_named_after_its_collection_and_carries_its_sources_content()
    {
        using var map = JsonDocument.Parse($$"""
            {"id": 40, "collectionId": 30, "registryId": 20, "sourceVersionId": 7, "linkIndex": 0,
             "createdAt": "2026-02-01T00:00:00.0000000Z", "createdBy": "bob",
             "namespaceId": 9, "namespace": "acme", "registry": "models", "collection": "classifier", "type": "model",
             "source": {{Source}}, "aliases": ["production"], "latest": false}
            """);

        var linked = Records.Link(map.RootElement);

        Assert.Equal(("acme/models/classifier:v0", 9L, "bob", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)),
            (linked.QualifiedName, linked.NamespaceId, linked.CreatedBy, linked.CreatedAt));
        Assert.Equal((7L, "m4", """{"acc":0.9}""", 12L, 5L, "weights after one epoch"),
            (linked.Id, linked.Digest, linked.MetadataJson, linked.Size, linked.LoggedByRunId, linked.Description));
        Assert.Equal(["production"], linked.Aliases);
        Assert.Equal(new LinkRecord(40, 30, 20, 1, "acme/zoo/model:v4"), linked.Link);
    }

    [Fact]
    public void a_run_map_without_the_optional_properties_reads_them_as_absent()
    {
        using var map = JsonDocument.Parse("""
            {"id": 5, "projectId": 2, "namespaceId": 1, "namespace": "acme", "project": "zoo", "name": "train",
             "path": "acme/zoo/train", "state": "FAILED", "createdAt": "2026-01-01T00:00:00.0000000Z", "createdBy": "ada"}
            """);

        var run = Records.Run(map.RootElement);

        Assert.Equal(("acme/zoo/train", RunState.Failed, null, null, null), (run.Path, run.State, run.JobType, run.ConfigJson, run.Description));
    }

    [Fact]
    public void a_collection_map_and_a_team_map_are_read_with_every_stored_property()
    {
        using var collection = JsonDocument.Parse("""
            {"id": 30, "registryId": 20, "namespaceId": 9, "namespace": "acme", "registry": "models", "name": "classifier",
             "type": "model", "description": "zoo classifiers", "nextIndex": 3, "path": "acme/models/classifier",
             "createdAt": "2026-02-01T00:00:00.0000000Z", "createdBy": "bob"}
            """);
        using var team = JsonDocument.Parse("""
            {"id": 11, "name": "vision", "kind": "TEAM", "organizationId": 9, "organization": "acme",
             "createdAt": "2026-01-01T00:00:00.0000000Z", "createdBy": "ada"}
            """);

        Assert.Equal(
            new CollectionRecord(30, 20, 9, "acme", "models", "classifier", "model", "zoo classifiers", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), "bob"),
            Records.Collection(collection.RootElement));
        Assert.Equal(
            new NamespaceRecord(11, "vision", NamespaceKind.Team, 9, "acme", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "ada"),
            Records.Namespace(team.RootElement));
    }
}
