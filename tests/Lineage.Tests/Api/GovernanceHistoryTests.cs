using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// What governs a registry is in a hash-chained history, with actor and time: its visibility and
/// protected aliases (the registry's history), its role grants (the registry's history), and the
/// tags of its collections and versions (the collection's, or the project artifact's, history).
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class GovernanceHistoryTests : IAsyncLifetime
{
    private readonly LineageApp _app = new();
    private GraphQLClient _admin = null!;
    private GraphQLClient _ada = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = _app.GraphQL();
        _ada = await _app.UserAsync("ada");
        await _app.UserAsync("bo");
        await _admin.DataAsync("""mutation { grantRole(input: { resource: "acme", member: "ada", role: MEMBER }) { role } }""");
        await _admin.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "train" }) { path } }""");
        await _admin.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/train", name: "model", type: "model", digest: "m0" }) { name } }""");
        await _admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models", protectedAliases: ["production"] }) { path } }""");
        await _admin.DataAsync("""mutation { grantRole(input: { resource: "acme/models", member: "ada", role: ADMIN }) { role } }""");
        await _ada.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "classifier", type: "model" }) { path } }""");
        await _ada.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/model:v0", collection: "acme/models/classifier" }) { name } }""");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task visibility_protected_aliases_and_roles_of_a_registry_are_recorded_with_actor_and_time()
    {
        await _ada.DataAsync("""mutation { updateRegistry(input: { registry: "acme/models", visibility: RESTRICTED, protectedAliases: ["production", "stable"] }) { path } }""");
        await _ada.DataAsync("""mutation { updateRegistry(input: { registry: "acme/models", protectedAliases: ["stable"] }) { path } }""");
        await _ada.DataAsync("""mutation { updateRegistry(input: { registry: "acme/models", visibility: RESTRICTED }) { path } }""");
        await _ada.DataAsync("""mutation { grantRole(input: { resource: "acme/models", member: "bo", role: VIEWER }) { role } }""");
        await _ada.DataAsync("""mutation { grantRole(input: { resource: "acme/models", member: "bo", role: VIEWER }) { role } }""");
        await _ada.DataAsync("""mutation { grantRole(input: { resource: "acme/models", member: "bo", role: MEMBER }) { role } }""");
        await _ada.DataAsync("""mutation { revokeRole(input: { resource: "acme/models", member: "bo" }) }""");

        var data = await _ada.DataAsync("""
            { registry(path: "acme/models") { history { totalCount nodes { action actor at alias member role visibility requestId hash } } }
              verifyAuditHistory(path: "acme/models") { ok eventsChecked } }
            """);
        var events = data.At("registry.history.nodes").EnumerateArray().ToList();
        Assert.Equal(
            [
                "ROLE_REVOKED ada bo MEMBER",
                "ROLE_GRANTED ada bo MEMBER",
                "ROLE_GRANTED ada bo VIEWER",
                "ALIAS_UNPROTECTED ada production",
                "ALIAS_PROTECTED ada stable",
                "VISIBILITY_CHANGED ada RESTRICTED",
                "ROLE_GRANTED admin ada ADMIN",
                "ALIAS_PROTECTED admin production",
                "REGISTRY_CREATED admin ORGANIZATION",
            ],
            events.Select(e => string.Join(' ', new[]
            {
                e.Str("action"), e.Str("actor"), e.GetProperty("alias").GetString(), e.GetProperty("member").GetString(),
                e.GetProperty("role").GetString(), e.GetProperty("visibility").GetString(),
            }.Where(x => x is not null))));
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.Str("requestId"))));
        var times = events.Select(e => e.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.True(data.At("verifyAuditHistory.ok").GetBoolean());
        Assert.Equal(9, data.At("verifyAuditHistory.eventsChecked").GetInt32());

        var filtered = await _ada.DataAsync("""{ registry(path: "acme/models") { history(actions: [ROLE_GRANTED, ROLE_REVOKED], actor: "ada") { totalCount } } }""");
        Assert.Equal(3, filtered.At("registry.history.totalCount").GetInt32());

        using var export = await _ada.Http.GetAsync("/history?path=acme/models", TestContext.Current.CancellationToken);
        var text = await export.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(9, lines.Count);
        Assert.Equal("ROLE_REVOKED", lines[^1].Str("action"));
        Assert.Equal("bo", lines[^1].Str("member"));
        Assert.Equal(events[0].Str("hash"), OfflineChain.Verify(lines));
    }

    [Fact]
    public async Task tags_are_recorded_in_the_history_of_what_they_tag()
    {
        await _ada.DataAsync("""mutation { addTags(input: { target: "acme/models/classifier", tags: ["vision", "beta"] }) { tags } }""");
        await _ada.DataAsync("""mutation { addTags(input: { target: "acme/models/classifier", tags: ["vision"] }) { tags } }""");
        await _ada.DataAsync("""mutation { removeTags(input: { target: "acme/models/classifier", tags: ["beta", "never-there"] }) { tags } }""");
        await _ada.DataAsync("""mutation { addTags(input: { target: "acme/models/classifier:v0", tags: ["approved"] }) { tags } }""");
        await _ada.DataAsync("""mutation { addTags(input: { target: "acme/zoo/model:v0", tags: ["reviewed"] }) { tags } }""");

        var collection = await _ada.DataAsync("""
            { collection(path: "acme/models/classifier") { history(actions: [TAG_ADDED, TAG_REMOVED]) { nodes { action actor tag version source } } }
              verifyAuditHistory(path: "acme/models/classifier") { ok } }
            """);
        Assert.Equal(
            ["TAG_ADDED ada approved v0 acme/zoo/model:v0", "TAG_REMOVED ada beta", "TAG_ADDED ada beta", "TAG_ADDED ada vision"],
            collection.At("collection.history.nodes").EnumerateArray().Select(e => string.Join(' ', new[]
            {
                e.Str("action"), e.Str("actor"), e.Str("tag"), e.GetProperty("version").GetString(), e.GetProperty("source").GetString(),
            }.Where(x => x is not null))));
        Assert.True(collection.At("verifyAuditHistory.ok").GetBoolean());

        var artifact = await _ada.DataAsync("""{ artifact(name: "acme/zoo/model:v0") { artifact { history(actions: [TAG_ADDED]) { nodes { tag version actor } } } } }""");
        Assert.Equal("reviewed v0 ada", string.Join(' ', artifact.At("artifact.artifact.history.nodes.0").EnumerateObject().Select(p => p.Value.GetString())));
    }
}
