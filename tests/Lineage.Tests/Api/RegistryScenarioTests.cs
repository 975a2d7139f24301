using System.Net;
using System.Text.Json;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// The registry scenario of the README, through the HTTP API: ada links the zoo model into
/// acme/models/zoo-classifier as staging, promotes it to production and drops staging; a day
/// later bo links the retrained model and unlinks the first. The history then tells who did
/// what, and when.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class RegistryScenarioTests : IClassFixture<RegistryScenarioTests.Scenario>
{
    private const string Collection = "acme/models/zoo-classifier";

    private readonly Scenario _scenario;
    private readonly GraphQLClient _admin;

    public RegistryScenarioTests(Scenario scenario)
    {
        _scenario = scenario;
        _admin = scenario.App.GraphQL();
    }

    [Fact]
    public async Task history_lists_every_action_with_actor_and_time_newest_first()
    {
        var data = await _admin.DataAsync("""
            query ($path: String!) { collection(path: $path) { history { totalCount nodes { id action actor at version alias source requestId hash } } } }
            """, new { path = Collection });

        var events = data.At("collection.history.nodes").EnumerateArray().ToList();
        Assert.Equal(
            [
                "VERSION_UNLINKED v0  bo",
                "ALIAS_REMOVED v0 production bo",
                "VERSION_LINKED v1  bo",
                "ALIAS_REMOVED v0 staging ada",
                "ALIAS_ADDED v0 production ada",
                "ALIAS_ADDED v0 staging ada",
                "VERSION_LINKED v0  ada",
            ],
            events.Select(Line));
        Assert.Equal(7, data.At("collection.history.totalCount").GetInt32());
        var times = events.Select(e => e.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(times, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("requestId").GetString())));
        Assert.All(events, e => Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("hash").GetString()!));
        Assert.Equal("acme/zoo/zoo-ylbchv20:v1", events[2].GetProperty("source").GetString());
        Assert.Equal("acme/zoo/zoo-ylbchv20:v0", events[6].GetProperty("source").GetString());

        // One mutation, one request: the link and its alias share a request id.
        Assert.Equal(events[5].GetProperty("requestId").GetString(), events[6].GetProperty("requestId").GetString());
        Assert.NotEqual(events[4].GetProperty("requestId").GetString(), events[5].GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task the_filters_narrow_the_history()
    {
        async Task<List<string>> Query(string arguments)
        {
            var since = arguments.Contains("$since", StringComparison.Ordinal) ? ", $since: DateTime" : "";
            var data = await _admin.DataAsync(
                $$"""query ($path: String!{{since}}) { collection(path: $path) { history({{arguments}}) { totalCount nodes { action actor version alias } } } }""",
                new { path = Collection, since = _scenario.SecondDay });
            var lines = data.At("collection.history.nodes").EnumerateArray().Select(Line).ToList();
            Assert.Equal(lines.Count, data.At("collection.history.totalCount").GetInt32());
            return lines;
        }

        Assert.Equal(
            ["ALIAS_REMOVED v0 production bo", "ALIAS_REMOVED v0 staging ada", "ALIAS_ADDED v0 production ada", "ALIAS_ADDED v0 staging ada"],
            await Query("actions: [ALIAS_ADDED, ALIAS_REMOVED]"));
        Assert.Equal(
            ["ALIAS_REMOVED v0 staging ada", "ALIAS_ADDED v0 production ada", "ALIAS_ADDED v0 staging ada", "VERSION_LINKED v0  ada"],
            await Query("actor: \"ada\""));
        Assert.Equal(["VERSION_UNLINKED v0  bo", "ALIAS_REMOVED v0 production bo", "VERSION_LINKED v1  bo"], await Query("since: $since"));
        Assert.Equal(4, (await Query("until: $since")).Count);
        Assert.Equal(["ALIAS_REMOVED v0 production bo"], await Query("since: $since, actions: [ALIAS_REMOVED], actor: \"bo\""));
        Assert.Empty(await Query("actor: \"nobody\""));
    }

    [Fact]
    public async Task history_pages_with_cursors()
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var data = await _admin.DataAsync(
                "query ($path: String!, $after: String) { collection(path: $path) { history(first: 3, after: $after) { edges { cursor node { id position } } pageInfo { hasNextPage endCursor } } } }",
                new { path = Collection, after });
            seen.AddRange(data.At("collection.history.edges").EnumerateArray().Select(e => $"{e.At("node.position")} {e.Str("node.id")}"));
            after = data.At("collection.history.pageInfo.hasNextPage").GetBoolean() ? data.Str("collection.history.pageInfo.endCursor") : null;
        }
        while (after is not null);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(seen.OrderByDescending(line => int.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)), seen);
    }

    [Fact]
    public async Task the_unlinked_version_is_gone_and_latest_is_the_remaining_link()
    {
        var data = await _admin.DataAsync("""
            query ($path: String!) {
              collection(path: $path) { name type registry { path } versions { totalCount nodes { qualifiedName aliases } } }
              latest: artifact(name: "acme/models/zoo-classifier:latest") { qualifiedName versionIndex source { qualifiedName } }
            }
            """, new { path = Collection });
        Assert.Equal("model", data.Str("collection.type"));
        Assert.Equal("acme/models", data.Str("collection.registry.path"));
        Assert.Equal(["acme/models/zoo-classifier:v1"], data.Strings("collection.versions.nodes", "qualifiedName"));
        Assert.Equal(1, data.At("collection.versions.totalCount").GetInt32());
        Assert.Equal(1, data.At("latest.versionIndex").GetInt32());
        Assert.Equal("acme/zoo/zoo-ylbchv20:v1", data.Str("latest.source.qualifiedName"));

        var gone = await _admin.ErrorAsync("NOT_FOUND", """{ artifact(name: "acme/models/zoo-classifier:v0") { name } }""");
        Assert.Equal("artifact version 'acme/models/zoo-classifier:v0' not found", gone.GetProperty("message").GetString());
    }

    [Fact]
    public async Task source_and_collections_walk_between_a_linked_version_and_its_source()
    {
        var data = await _admin.DataAsync("""
            {
              linked: artifact(name: "acme/models/zoo-classifier:v1") {
                id name qualifiedName digest artifact { path } collection { path } source { id qualifiedName aliases } collections { nodes { name } }
                loggedBy { path } }
              source: artifact(name: "acme/zoo/zoo-ylbchv20:v1") { id collections { totalCount nodes { qualifiedName collection { path } source { qualifiedName } } } source { name } }
            }
            """);
        Assert.Equal("zoo-classifier:v1", data.Str("linked.name"));
        Assert.Null(data.At("linked.artifact").GetString());
        Assert.Equal(Collection, data.Str("linked.collection.path"));
        Assert.Equal("acme/zoo/zoo-ylbchv20:v1", data.Str("linked.source.qualifiedName"));
        Assert.Equal(["latest"], data.At("linked.source.aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(data.At("linked.collections.nodes").EnumerateArray());
        Assert.Equal("acme/zoo/rural-feather-20", data.Str("linked.loggedBy.path"));
        Assert.NotEqual(data.Str("linked.id"), data.Str("linked.source.id"));
        Assert.Equal(data.Str("source.id"), data.Str("linked.source.id"));

        Assert.Equal(["acme/models/zoo-classifier:v1"], data.Strings("source.collections.nodes", "qualifiedName"));
        Assert.Equal(1, data.At("source.collections.totalCount").GetInt32());
        Assert.Equal(Collection, data.Str("source.collections.nodes.0.collection.path"));
        Assert.Equal("acme/zoo/zoo-ylbchv20:v1", data.Str("source.collections.nodes.0.source.qualifiedName"));
        Assert.Equal(JsonValueKind.Null, data.At("source.source").ValueKind);
    }

    [Fact]
    public async Task a_registry_viewer_without_a_role_in_the_project_sees_the_linked_version_but_not_what_is_behind_it()
    {
        var data = await _scenario.Outsider.DataAsync("""
            {
              artifact(name: "acme/models/zoo-classifier:latest") { qualifiedName digest aliases source { name } loggedBy { name } usedBy { totalCount } }
              collection(path: "acme/models/zoo-classifier") { history(first: 1) { nodes { action source } } }
            }
            """);
        Assert.Equal("acme/models/zoo-classifier:v1", data.Str("artifact.qualifiedName"));
        Assert.Equal("sha256:model1", data.Str("artifact.digest"));
        Assert.Equal(JsonValueKind.Null, data.At("artifact.source").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.At("artifact.loggedBy").ValueKind);
        Assert.Equal(0, data.At("artifact.usedBy.totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.At("collection.history.nodes.0.source").ValueKind);

        var lineage = await _scenario.Outsider.ErrorAsync("FORBIDDEN", """{ lineage(start: "acme/models/zoo-classifier:latest") { nodes { name } } }""");
        Assert.DoesNotContain("acme/zoo", lineage.Str("message"), StringComparison.Ordinal);
        await _scenario.Outsider.ErrorAsync("NOT_FOUND", """{ artifact(name: "acme/zoo/zoo-ylbchv20:v1") { name } }""");

        using var export = await _scenario.Outsider.Http.GetAsync($"/history?path={Collection}", TestContext.Current.CancellationToken);
        Assert.All(await NdjsonAsync(export), line => Assert.Equal(JsonValueKind.Null, line.GetProperty("source").ValueKind));
    }

    [Fact]
    public async Task the_lineage_of_a_linked_version_is_its_sources()
    {
        const string query = "query ($start: String!) { lineage(start: $start, direction: BOTH, depth: 4) { truncated nodes { id kind name hops } edges { from to kind } } }";
        var linked = await _admin.DataAsync(query, new { start = "acme/models/zoo-classifier:latest" });
        var source = await _admin.DataAsync(query, new { start = "acme/zoo/zoo-ylbchv20:v1" });

        Assert.Equal(source.At("lineage").GetRawText(), linked.At("lineage").GetRawText());
        Assert.Equal("zoo-ylbchv20:v1", linked.Str("lineage.nodes.0.name"));
        Assert.Contains("split_zoo_dataset:v4", linked.Strings("lineage.nodes", "name"));
    }

    [Fact]
    public async Task the_history_verifies()
    {
        var data = await _admin.DataAsync("""
            query ($path: String!) {
              collection: verifyAuditHistory(path: $path) { ok eventsChecked firstBrokenEventId problem headHash }
              artifact: verifyAuditHistory(path: "acme/zoo/zoo-ylbchv20") { ok eventsChecked }
              latest: collection(path: $path) { history(first: 1) { nodes { hash } } }
            }
            """, new { path = Collection });
        Assert.True(data.At("collection.ok").GetBoolean());
        Assert.Equal(7, data.At("collection.eventsChecked").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.At("collection.firstBrokenEventId").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.At("collection.problem").ValueKind);
        Assert.Equal(data.Str("latest.history.nodes.0.hash"), data.Str("collection.headHash"));

        // v0 logged with candidate, v1 logged: three events.
        Assert.True(data.At("artifact.ok").GetBoolean());
        Assert.Equal(3, data.At("artifact.eventsChecked").GetInt32());
    }

    [Fact]
    public async Task project_artifacts_have_a_history_too()
    {
        var data = await _admin.DataAsync("""
            { artifact(name: "acme/zoo/zoo-ylbchv20:v0") { artifact { history { nodes { action version alias actor artifact { qualifiedName } } } } } }
            """);
        var events = data.At("artifact.artifact.history.nodes").EnumerateArray().ToList();
        Assert.Equal(["VERSION_LOGGED v1  admin", "ALIAS_ADDED v0 candidate admin", "VERSION_LOGGED v0  admin"], events.Select(Line));
        Assert.Equal("acme/zoo/zoo-ylbchv20:v1", events[0].Str("artifact.qualifiedName"));
    }

    [Fact]
    public async Task the_history_exports_as_ndjson_oldest_first()
    {
        using var response = await _scenario.App.CreateClient().GetAsync($"/history?path={Collection}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = await NdjsonAsync(response);

        var history = await _admin.DataAsync(
            "query ($path: String!) { collection(path: $path) { history { nodes { id action actor at version alias source requestId hash } } } }",
            new { path = Collection });
        var expected = history.At("collection.history.nodes").EnumerateArray().Reverse().ToList();
        Assert.Equal(expected.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var field in new[] { "id", "action", "actor", "version", "alias", "source", "requestId", "hash" })
            {
                Assert.Equal(expected[i].GetProperty(field).GetRawText(), lines[i].GetProperty(field).GetRawText());
            }

            Assert.Equal(expected[i].GetProperty("at").GetDateTime(), lines[i].GetProperty("at").GetDateTime());
            Assert.Equal(i + 1, lines[i].GetProperty("position").GetInt32());
            Assert.Equal(Collection, lines[i].GetProperty("target").GetString());
        }
    }

    [Fact]
    public async Task an_exported_history_can_be_verified_without_the_service()
    {
        using var response = await _scenario.App.CreateClient().GetAsync($"/history?path={Collection}", TestContext.Current.CancellationToken);
        var lines = await NdjsonAsync(response);
        Assert.Equal(7, lines.Count);
        Assert.Equal(lines.Last().Str("hash"), OfflineChain.Verify(lines));
    }

    [Fact]
    public async Task a_registry_keeps_a_history_of_its_settings_and_roles_that_verifies_offline()
    {
        var data = await _admin.DataAsync("""
            { registry(path: "acme/models") { history { totalCount nodes { action actor alias member role visibility } } }
              verifyAuditHistory(path: "acme/models") { ok eventsChecked } }
            """);

        Assert.Equal(
            [
                "VISIBILITY_CHANGED RESTRICTED", "ROLE_GRANTED rex VIEWER", "ROLE_GRANTED rae RESTRICTED_VIEWER",
                "ROLE_GRANTED bo MEMBER", "ROLE_GRANTED ada MEMBER", "REGISTRY_CREATED ORGANIZATION",
            ],
            data.At("registry.history.nodes").EnumerateArray().Select(e => string.Join(' ', new[]
            {
                e.Str("action"), e.GetProperty("member").GetString(), e.GetProperty("role").GetString(), e.GetProperty("visibility").GetString(),
            }.Where(x => x is not null))));
        Assert.True(data.At("verifyAuditHistory.ok").GetBoolean());
        Assert.Equal(6, data.At("verifyAuditHistory.eventsChecked").GetInt32());

        using var export = await _scenario.App.CreateClient().GetAsync("/history?path=acme/models", TestContext.Current.CancellationToken);
        var lines = await NdjsonAsync(export);
        Assert.All(lines, l => Assert.Equal("REGISTRY", l.Str("targetKind")));
        Assert.Equal(lines.Last().Str("hash"), OfflineChain.Verify(lines));
    }

    [Fact]
    public async Task a_reader_who_may_not_see_a_source_can_neither_read_nor_guess_it_yet_verifies_the_whole_chain()
    {
        const string query = """{ collection(path: "acme/models/zoo-classifier") { history { nodes { action source hash } } } verifyAuditHistory(path: "acme/models/zoo-classifier") { ok headHash } }""";
        var seen = await _scenario.Outsider.DataAsync(query);
        var all = await _admin.DataAsync(query);
        Assert.All(seen.At("collection.history.nodes").EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("source").ValueKind));
        Assert.Equal(all.Str("verifyAuditHistory.headHash"), seen.Str("verifyAuditHistory.headHash"));

        using var export = await _scenario.Outsider.Http.GetAsync($"/history?path={Collection}", TestContext.Current.CancellationToken);
        var lines = await NdjsonAsync(export);
        Assert.All(lines, l =>
        {
            Assert.Equal(JsonValueKind.Null, l.GetProperty("source").ValueKind);
            Assert.Equal(JsonValueKind.Null, l.GetProperty("sourceSalt").ValueKind);
            Assert.Matches("^[0-9a-f]{64}$", l.Str("sourceCommitment"));
        });

        // The whole chain verifies from what this reader was given.
        Assert.Equal(seen.Str("verifyAuditHistory.headHash"), OfflineChain.Verify(lines));

        // The right guess confirms nothing: neither the source's plain hash, nor the event hashed
        // with the source in clear (as events were once hashed), matches anything the reader sees.
        var sources = new[] { "acme/zoo/zoo-ylbchv20:v0", "acme/zoo/zoo-ylbchv20:v1" };
        var seenValues = lines.SelectMany(l => new[] { l.Str("sourceCommitment"), l.Str("hash") }).ToHashSet(StringComparer.Ordinal);
        foreach (var guess in sources)
        {
            Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(guess))), seenValues);
        }

        var previous = new byte[32];
        foreach (var line in lines)
        {
            foreach (var guess in sources)
            {
                var clear = OfflineChain.Canonical(line, guess);
                var guessed = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. previous, .. System.Text.Encoding.UTF8.GetBytes(clear)]));
                Assert.NotEqual(line.Str("hash"), guessed);
            }

            previous = Convert.FromHexString(line.Str("hash"));
        }

        // Whoever may see the sources gets them with their salts, and checks them against the chain.
        using var full = await _scenario.App.CreateClient().GetAsync($"/history?path={Collection}", TestContext.Current.CancellationToken);
        var fullLines = await NdjsonAsync(full);
        Assert.Contains(fullLines, l => l.GetProperty("source").GetString() == "acme/zoo/zoo-ylbchv20:v0");
        Assert.Equal(OfflineChain.Verify(lines), OfflineChain.Verify(fullLines));
    }

    [Fact]
    public async Task the_export_resumes_after_a_position_and_filters()
    {
        var http = _scenario.App.CreateClient();
        var after = await NdjsonAsync(await http.GetAsync($"/history?path={Collection}&after=5", TestContext.Current.CancellationToken));
        Assert.Equal([6, 7], after.Select(l => l.GetProperty("position").GetInt32()));

        var linked = await NdjsonAsync(await http.GetAsync($"/history?path={Collection}&actions=VERSION_LINKED,VERSION_UNLINKED&actor=bo", TestContext.Current.CancellationToken));
        Assert.Equal(["VERSION_LINKED", "VERSION_UNLINKED"], linked.Select(l => l.GetProperty("action").GetString()));

        var artifact = await NdjsonAsync(await http.GetAsync("/history?path=acme/zoo/zoo-ylbchv20", TestContext.Current.CancellationToken));
        Assert.Equal(["VERSION_LOGGED", "ALIAS_ADDED", "VERSION_LOGGED"], artifact.Select(l => l.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData("/history?path=acme/models/nothing", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("/history", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("/history?path=acme", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("/history?path=acme/nothing", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("/history?path=acme/models/zoo-classifier&actions=MOVED", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("/history?path=acme/models/zoo-classifier&after=-1", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("/history?path=acme/models/zoo-classifier&since=yesterday", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("/history?path=a/b/c&path=d/e/f", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    public async Task a_bad_export_request_is_refused_with_a_reason(string url, HttpStatusCode status, string code)
    {
        using var response = await _scenario.App.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(code, body.RootElement.Str("errors.0.extensions.code"));
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.Str("errors.0.message")));
    }

    [Fact]
    public async Task the_export_needs_a_key_and_the_viewer_role()
    {
        using var anonymous = await _scenario.App.GraphQL(null).Http.GetAsync($"/history?path={Collection}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        using var restricted = await _scenario.Restricted.Http.GetAsync($"/history?path={Collection}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, restricted.StatusCode);

        using var post = await _scenario.App.CreateClient().PostAsync($"/history?path={Collection}", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task no_api_edits_or_deletes_history()
    {
        var data = await _admin.DataAsync("""
            { __schema { mutationType { fields { name } } } }
            """);
        var mutations = data.Strings("__schema.mutationType.fields", "name");
        Assert.Contains("linkArtifact", mutations);
        Assert.DoesNotContain(mutations, m => m.Contains("history", StringComparison.OrdinalIgnoreCase)
            || m.Contains("audit", StringComparison.OrdinalIgnoreCase) || m.Contains("event", StringComparison.OrdinalIgnoreCase));
    }

    private static string Line(JsonElement e) =>
        $"{e.GetProperty("action").GetString()} {e.GetProperty("version").GetString()} {e.GetProperty("alias").GetString()} {e.GetProperty("actor").GetString()}";

    private static async Task<List<JsonElement>> NdjsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>The zoo example, the registry acme/models and the scenario's changes, made once for the class.</summary>
    public sealed class Scenario : IAsyncLifetime
    {
        public LineageApp App { get; } = new();

        /// <summary>When the second day of the scenario began, by the server's clock.</summary>
        public DateTime SecondDay { get; private set; }

        public GraphQLClient Restricted { get; private set; } = null!;

        /// <summary>A registry VIEWER with no role in acme, where the sources are.</summary>
        public GraphQLClient Outsider { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var admin = App.GraphQL();
            await ZooExample.SeedAsync(admin);
            await admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models" }) { path } }""");
            var ada = await MemberAsync(admin, "ada", "MEMBER");
            var bo = await MemberAsync(admin, "bo", "MEMBER");
            Restricted = await MemberAsync(admin, "rae", "RESTRICTED_VIEWER");
            Outsider = await App.UserAsync("rex");
            await admin.DataAsync("""mutation { grantRole(input: { resource: "acme/models", member: "rex", role: VIEWER }) { role } }""");
            await admin.DataAsync("""mutation { updateRegistry(input: { registry: "acme/models", visibility: RESTRICTED }) { path } }""");

            await ada.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "zoo-classifier", type: "model" }) { path } }""");
            await ada.DataAsync("""
                mutation { linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v0", collection: "acme/models/zoo-classifier", aliases: ["staging"] }) { qualifiedName } }
                """);
            await ada.DataAsync("""mutation { addAlias(input: { artifact: "acme/models/zoo-classifier:v0", alias: "production" }) { aliases } }""");
            await ada.DataAsync("""mutation { removeAlias(input: { artifact: "acme/models/zoo-classifier:v0", alias: "staging" }) { aliases } }""");

            App.Clock.Offset = TimeSpan.FromDays(1);
            SecondDay = DateTime.UtcNow.AddDays(1).AddSeconds(-1);
            await admin.DataAsync("""
                mutation { logArtifact(input: { run: "acme/zoo/rural-feather-20", name: "zoo-ylbchv20", type: "model", digest: "sha256:model1" }) { name } }
                """);
            await bo.DataAsync("""
                mutation { linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v1", collection: "acme/models/zoo-classifier" }) { qualifiedName } }
                """);
            await bo.DataAsync("""mutation { unlinkArtifact(input: { artifact: "acme/models/zoo-classifier:v0" }) }""");
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();

        private async Task<GraphQLClient> MemberAsync(GraphQLClient admin, string name, string role)
        {
            var client = await App.UserAsync(name);
            await admin.DataAsync(
                $$"""mutation ($m: String!) { a: grantRole(input: { resource: "acme/models", member: $m, role: {{role}} }) { role } b: grantRole(input: { resource: "acme", member: $m, role: VIEWER }) { role } }""",
                new { m = name });
            return client;
        }
    }
}
