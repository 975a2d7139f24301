using GraphQL;
using GraphQL.Utilities;
using Lineage.Server.GraphQL;
using Lineage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Tests.Api;

/// <summary>
/// The schema is part of the contract: any change to it must be deliberate. On a difference the
/// test writes <c>schema.received.graphql</c> beside the approved file; review it and copy it over.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class SchemaSnapshotTests : IClassFixture<LineageApp>
{
    private readonly LineageApp _app;

    public SchemaSnapshotTests(LineageApp app)
    {
        _app = app;
    }

    [Fact]
    public void the_schema_matches_the_approved_sdl()
    {
        var schema = _app.Services.GetRequiredService<LineageSchema>();
        var received = schema.Print().ReplaceLineEndings("\n").Trim() + "\n";
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "Lineage.Tests", "Approved");
        var approved = File.ReadAllText(Path.Combine(folder, "schema.graphql")).ReplaceLineEndings("\n");
        var receivedPath = Path.Combine(folder, "schema.received.graphql");
        if (received != approved)
        {
            File.WriteAllText(receivedPath, received);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        Assert.True(received == approved, $"the schema changed; compare {receivedPath} with schema.graphql and approve it if intended");
    }

    [Theory]
    [InlineData("type Query {")]
    [InlineData("project(path: String!): Project")]
    [InlineData("run(path: String!): Run")]
    [InlineData("artifact(name: String!): ArtifactVersion")]
    // Arguments added after the design's keep its own in place: asOf follows maxNodes.
    [InlineData("lineage(start: String!, direction: LineageDirection = BOTH, depth: Int = 3, artifactTypes: [String!], jobTypes: [String!], maxNodes: Int, asOf: DateTime): LineageGraph!")]
    [InlineData("createRun(input: CreateRunInput!): Run!")]
    [InlineData("logArtifact(input: LogArtifactInput!): ArtifactVersion!")]
    [InlineData("useArtifact(input: UseArtifactInput!): ArtifactVersion!")]
    [InlineData("addAlias(input: AliasInput!): ArtifactVersion!")]
    [InlineData("removeAlias(input: AliasInput!): ArtifactVersion!")]
    [InlineData("usedArtifacts(first: Int, after: String): ArtifactVersionConnection!")]
    [InlineData("loggedArtifacts(first: Int, after: String): ArtifactVersionConnection!")]
    [InlineData("usedBy(first: Int, after: String): RunConnection!")]
    [InlineData("loggedBy: Run")]
    [InlineData("loggers(first: Int, after: String): RunConnection!")]
    [InlineData("type LineageGraph { nodes: [LineageNode!]! edges: [LineageEdge!]! truncated: Boolean! }")]
    [InlineData("type LineageEdge { from: ID! to: ID! kind: LineageEdgeKind! }")]
    [InlineData("collection(path: String!): Collection")]
    [InlineData("verifyAuditHistory(path: String!): AuditVerification!")]
    [InlineData("createRegistry(input: CreateRegistryInput!): Registry!")]
    [InlineData("createCollection(input: CreateCollectionInput!): Collection!")]
    [InlineData("linkArtifact(input: LinkArtifactInput!): ArtifactVersion!")]
    [InlineData("unlinkArtifact(input: UnlinkArtifactInput!): Boolean!")]
    [InlineData("input CreateCollectionInput { registry: String! name: String! type: String!")]
    [InlineData("input LinkArtifactInput { artifact: String! collection: String! aliases: [String!] }")]
    [InlineData("input UnlinkArtifactInput { artifact: String! }")]
    [InlineData("source: ArtifactVersion")]
    [InlineData("collections(first: Int, after: String): ArtifactVersionConnection!")]
    [InlineData("versions(first: Int, after: String, asOf: DateTime): ArtifactVersionConnection!")]
    [InlineData("versions(first: Int, after: String, filter: VersionFilter, orderBy: VersionOrder): ArtifactVersionConnection!")]
    [InlineData("history(first: Int, after: String, actions: [AuditAction!], actor: String, since: DateTime, until: DateTime): AuditEventConnection!")]
    [InlineData("type AuditVerification { ok: Boolean! eventsChecked: Int! firstBrokenEventId: ID")]
    [InlineData("enum AuditAction { VERSION_LOGGED VERSION_LINKED VERSION_UNLINKED ALIAS_ADDED ALIAS_REMOVED TAG_ADDED TAG_REMOVED REGISTRY_CREATED VISIBILITY_CHANGED ALIAS_PROTECTED ALIAS_UNPROTECTED ROLE_GRANTED ROLE_REVOKED }")]
    [InlineData("type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }")]
    public void the_schema_keeps_the_names_of_the_design(string fragment)
    {
        var schema = _app.Services.GetRequiredService<LineageSchema>();
        var flat = string.Join(' ', schema.Print(new PrintOptions { IncludeDescriptions = false })
            .Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("( ", "(", StringComparison.Ordinal);
        Assert.Contains(fragment, flat, StringComparison.Ordinal);
    }
}
