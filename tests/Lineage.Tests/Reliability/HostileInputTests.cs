using System.Net;
using System.Text;
using System.Text.Json;
using Lineage.Errors;
using Lineage.Names;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lineage.Tests.Reliability;

/// <summary>
/// Hostile input, by the thousand: random and mutated strings through every name and path
/// parser, and a campaign of hostile requests over HTTP. Parsers either accept (and give the
/// string back) or refuse with the core's typed errors; the server never answers 5xx, never
/// says INTERNAL, and changes nothing on a refused request.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed class HostileInputTests : IAsyncLifetime
{
    private const int StringsPerParser = 20_000;

    private const string QueryAlphabet = "{}()[]:$@!\"\\ abcxyz_0123456789.,=#\n…";

    private readonly LineageApp _app = new();
    private GraphQLClient _client = null!;
    private GraphQLClient _outsider = null!;
    private GraphQLClient _member = null!;
    private string _runsCursor = "";
    private string _historyCursor = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.GraphQL();
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "r1" }) { name } }""");
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "r2" }) { name } }""");
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "data", type: "dataset", digest: "d0" }) { name } }""");
        await _client.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models", protectedAliases: ["production"] }) { name } }""");
        await _client.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "zoo-classifier", type: "dataset" }) { name } }""");
        await _client.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/data:v0", collection: "acme/models/zoo-classifier", aliases: ["production"] }) { name } }""");
        await _client.DataAsync("""mutation { addTags(input: { target: "acme/models/zoo-classifier", tags: ["vision"] }) { tags } }""");
        var cursors = await _client.DataAsync("""
            { project(path: "acme/zoo") { runs(first: 1) { pageInfo { endCursor } } }
              collection(path: "acme/models/zoo-classifier") { history(first: 1) { pageInfo { endCursor } } } }
            """);
        _runsCursor = cursors.Str("project.runs.pageInfo.endCursor");
        _historyCursor = cursors.Str("collection.history.pageInfo.endCursor");
        _outsider = await _app.UserAsync("mallory");
        _member = await _app.UserAsync("mel");
        await _client.DataAsync("""mutation { grantRole(input: { resource: "acme/models", member: "mel", role: MEMBER }) { role } }""");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void every_parser_accepts_and_gives_back_or_refuses_cleanly_for_any_string()
    {
        var random = new Random(20261125);
        var parsers = new (string Name, Func<string, string?> Parse)[]
        {
            ("project path", s => ProjectPath.Parse(s).ToString()),
            ("run path", s => RunPath.Parse(s).ToString()),
            ("collection path", s => CollectionPath.Parse(s).ToString()),
            ("version name", s => { VersionRef.Parse(s); return null; }),
            ("name", s => NameRules.RequireName(s, "name")),
            ("alias", s => NameRules.RequireUserAlias(s)),
            ("digest", s => ContentRules.RequireDigest(s)),
            ("file path", s => ContentRules.RequireFilePath(s)),
        };

        var tried = 0;
        foreach (var (name, parse) in parsers)
        {
            for (var i = 0; i < StringsPerParser; i++)
            {
                var input = Hostile(random);
                tried++;
                try
                {
                    var back = parse(input);
                    Assert.True(back is null || back == input, $"{name}: '{input}' came back as '{back}'");
                }
                catch (LineageException e) when (e is InvalidArgumentException or LimitExceededException)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                }
                catch (Exception e)
                {
                    Assert.Fail($"{name}: '{Escape(input)}' threw {e.GetType().Name}: {e.Message}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{tried:N0} strings through {parsers.Length} parsers, all accepted or refused cleanly");
    }

    [Fact]
    public async Task a_campaign_of_hostile_requests_gets_no_5xx_no_internal_error_and_changes_nothing()
    {
        var random = new Random(42);
        var requests = new List<Attack>();
        void Add(string kind, string body) => requests.Add(new(kind, Encoding.UTF8.GetBytes(body)));
        void Query(string kind, string query, object? variables = null) => Add(kind, JsonSerializer.Serialize(new { query, variables }));

        // Names that look like injections, in every place a name goes.
        string[] injections =
        [
            "'; DROP TABLE runs; --", "\" OR 1=1 --", "x\") DETACH DELETE n //", "}) MATCH (n) DETACH DELETE n //", "../../etc/passwd",
            "..\\..\\windows\\win32.ini", "%2e%2e%2f", "a\u0000b", "$(rm -rf /)", "<script>alert(1)</script>", "{{7*7}}", "ünï/cödé", new string('x', 100_000),
        ];
        foreach (var bad in injections)
        {
            Query("injection", "mutation ($n: String!) { createRun(input: { project: \"acme/zoo\", name: $n }) { name } }", new { n = bad });
            Query("injection", "mutation ($n: String!) { createRun(input: { project: $n, name: \"r\" }) { name } }", new { n = bad });
            Query("injection", "mutation ($n: String!) { logArtifact(input: { run: \"acme/zoo/r1\", name: $n, type: \"dataset\", digest: \"d9\" }) { name } }", new { n = bad });
            Query("injection", "mutation ($n: String!) { addAlias(input: { artifact: \"acme/zoo/data:v0\", alias: $n }) { name } }", new { n = bad });
            Query("injection", "query ($n: String!) { artifact(name: $n) { name } run(path: $n) { name } search(text: $n) { path } }", new { n = bad });
            Query("injection", "query ($n: String!) { lineage(start: $n) { truncated } }", new { n = bad });
        }

        // Enormous and negative numbers where sizes go.
        foreach (var n in new[] { "2147483647", "-2147483648", "100000000000000000000", "-1", "1e9", "0" })
        {
            Query("numbers", $$"""{ lineage(start: "acme/zoo/r1", depth: {{n}}, maxNodes: {{n}}) { truncated } }""");
            Query("numbers", $$"""{ project(path: "acme/zoo") { runs(first: {{n}}) { totalCount } } }""");
            Query("numbers", $$"""{ search(text: "r", first: {{n}}) { path } }""");
        }

        // Floods: aliases, fragments, depth, width, batches, and huge variables.
        Query("flood", "{ " + string.Join(' ', Enumerable.Range(0, 5_000).Select(i => $"a{i}: lineage(start: \"acme/zoo/r1\") {{ truncated }}")) + " }");
        Query("flood", "query { ...F0 } " + string.Join(' ', Enumerable.Range(0, 1_000).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} }}")) + " fragment F1000 on Query { __typename }");
        Query("flood", "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }");
        Query("flood", new string('{', 5_000) + new string('}', 5_000));
        Query("flood", "{ project(path: \"acme/zoo\") " + string.Concat(Enumerable.Repeat("{ runs(first: 1000) { nodes { loggedArtifacts(first: 1000) { nodes { usedBy(first: 1000) { nodes ", 10)) + "{ name }" + new string('}', 80) + " }");
        Add("batch", "[" + string.Join(',', Enumerable.Range(0, 100).Select(_ => """{"query":"mutation { createRun(input: { project: \"acme/zoo\", name: \"batched\" }) { name } }"}""")) + "]");
        Query("huge variables", "query ($x: String) { __typename }", new { x = new string('v', 20_000_000) });
        Query("huge variables", "query ($x: [String!]) { lineage(start: \"acme/zoo/r1\", artifactTypes: $x) { truncated } }", new { x = Enumerable.Repeat("t", 1_000_000).ToArray() });

        // Request shapes that once got a server fault: duplicated keys, numbers beyond a double,
        // operations that cannot be chosen, subscriptions, and JSON nested past the limit.
        Add("duplicate keys", """{"query":"query ($a: String!) { run(path: $a) { name } }","variables":{"a":"acme/zoo/r1","a":"x"}}""");
        Add("duplicate keys", """{"query":"{ __typename }","extensions":{"x":1,"x":2}}""");
        Add("duplicate keys", """{"query":"{ __typename }","query":"{ viewer { name } }"}""");
        Add("huge numbers", """{"query":"mutation ($c: JSON) { createRun(input: { project: \"acme/zoo\", name: \"n\", config: $c }) { name } }","variables":{"c":{"n":1e400}}}""");
        Add("huge numbers", """{"query":"mutation { createRun(input: { project: \"acme/zoo\", name: \"n\", config: { n: -1e400 } }) { name } }"}""");
        Query("operations", "query A { __typename } query B { __typename }");
        Add("operations", """{"query":"query A { __typename }","operationName":"B"}""");
        Query("operations", "subscription { run(path: \"acme/zoo/r1\") { name } }");
        Query("operations", "fragment F on Query { __typename }");
        object deep = 1;
        for (var i = 0; i < 60; i++)
        {
            deep = new Dictionary<string, object> { ["d"] = deep };
        }

        Query("deep json", "mutation ($c: JSON) { createRun(input: { project: \"acme/zoo\", name: \"deep\", config: $c }) { name } }", new { c = deep });
        Query("deep json", "mutation { logArtifact(input: { run: \"acme/zoo/r1\", name: \"data\", type: \"dataset\", digest: \"dd\", metadata: " + string.Concat(Enumerable.Repeat("{ d: ", 60)) + "1" + new string('}', 60) + " }) { name } }");

        // Random JSON, random bytes, and invalid UTF-8.
        for (var i = 0; i < 300; i++)
        {
            Add("random json", RandomJson(random, 0));
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            requests.Add(new("random bytes", bytes));
            requests.Add(new("invalid utf-8", [.. "{\"query\":\"{ run(path: \\\""u8.ToArray(), 0xC3, 0x28, 0xFF, 0xFE, .. "\\\") { name } }\"}"u8.ToArray()]));
            Query("random query", new string([.. Enumerable.Range(0, random.Next(1, 300)).Select(_ => QueryAlphabet[random.Next(QueryAlphabet.Length)])]));
        }

        var before = Snapshot();
        var codes = new Dictionary<string, int>();
        var statuses = new Dictionary<int, int>();
        requests.AddRange(HardeningAttacks(injections));
        foreach (var attack in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(attack.Method), attack.Path);
            if (attack.Body is not null)
            {
                request.Content = new ByteArrayContent(attack.Body);
                request.Content.Headers.ContentType = new("application/json");
            }

            if (attack.IdempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", attack.IdempotencyKey);
            }

            var sender = attack.As switch
            {
                Sender.Member => _member,
                Sender.Outsider => _outsider,
                _ => _client,
            };
            using var response = await sender.Http.SendAsync(request, Ct);
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True((int)response.StatusCode < 500, $"{attack.Kind}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            foreach (var code in Codes(text))
            {
                Assert.True(code != ErrorCodes.Internal, $"{attack.Kind}: {text[..Math.Min(text.Length, 300)]}");
                codes[code] = codes.GetValueOrDefault(code) + 1;
            }

            // Compared after every request, so that a change names the request that made it.
            Assert.True(before == Snapshot(), $"{attack.Kind} changed the store: {text[..Math.Min(text.Length, 300)]}");
        }

        using (var check = await _client.Http.PostAsync("/graphql", new StringContent("""{"query":"{ viewer { name } }"}""", Encoding.UTF8, "application/json"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{requests.Count:N0} hostile requests; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; " +
            $"error codes {string.Join(", ", codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}×{c.Value}"))}");
    }

    /// <summary>One hostile request: a body (or none) sent to a path by the administrator, a registry member or an outsider, perhaps with an Idempotency-Key.</summary>
    private sealed record Attack(string Kind, byte[]? Body, string Path = "/graphql", string Method = "POST", Sender As = Sender.Administrator, string? IdempotencyKey = null);

    private enum Sender
    {
        Administrator,
        Member,
        Outsider,
    }

    /// <summary>
    /// The request shapes of the hardened API: forged cursors, documents whose cost or lineage
    /// budget is too high, registry histories and their export, governance mutations, documents
    /// whose later field fails, idempotent retries, and what an outsider must not see. Every one
    /// is refused or answered without a change to the store.
    /// </summary>
    private List<Attack> HardeningAttacks(string[] injections)
    {
        var attacks = new List<Attack>();
        byte[] Body(string query, object? variables = null) => JsonSerializer.SerializeToUtf8Bytes(new { query, variables });
        void Query(string kind, string query, object? variables = null) => attacks.Add(new(kind, Body(query, variables)));
        void Get(string kind, string path, Sender sender = Sender.Administrator) => attacks.Add(new(kind, null, path, "GET", sender));

        // Cursors: made up, of another list, altered by one character, or huge.
        var flipped = _runsCursor[..^2] + (_runsCursor[^2] == 'A' ? 'B' : 'A') + _runsCursor[^1];
        string[] cursors = ["garbage", "", "MQ==", "1", "-1", "run:Q7c2LrT0vN5kH3pWm8xA1g", _historyCursor, flipped, new string('A', 10_000), "../", "%00", .. injections];
        foreach (var cursor in cursors)
        {
            Query("cursor", "query ($c: String) { project(path: \"acme/zoo\") { runs(first: 5, after: $c) { totalCount } } }", new { c = cursor });
            Query("cursor", "query ($c: String) { namespaces(first: 5, after: $c) { totalCount } apiKeys(after: $c) { totalCount } }", new { c = cursor });
            Query("cursor", "query ($c: String) { registry(path: \"acme/models\") { history(after: $c) { totalCount } collections(after: $c) { totalCount } members(after: $c) { totalCount } } }", new { c = cursor });
            Query("cursor", "query ($c: String) { collection(path: \"acme/models/zoo-classifier\") { history(after: $c) { totalCount } versions(after: $c) { totalCount } } }", new { c = cursor });
            Query("cursor", "query ($c: String) { artifact(name: \"acme/zoo/data:v0\") { loggers(after: $c) { totalCount } usedBy(after: $c) { totalCount } collections(after: $c) { totalCount } } }", new { c = cursor });
        }

        // Documents whose cost is too high before anything runs: wide loggers, many lineages, shared budgets.
        Query("cost", "{ " + string.Join(' ', Enumerable.Range(0, 150).Select(i => $"a{i}: artifact(name: \"acme/zoo/data:v0\") {{ loggers(first: 1000) {{ nodes {{ name config }} }} }}")) + " }");
        Query("cost", "{ " + string.Join(' ', Enumerable.Range(0, 60).Select(i => $"a{i}: lineage(start: \"acme/zoo/r1\", depth: 100, maxNodes: 50000) {{ nodes {{ id }} edges {{ from to }} }}")) + " }");
        Query("cost", "{ a: lineage(start: \"acme/zoo/r1\", maxNodes: 40000) { truncated } b: lineage(start: \"acme/zoo/r2\", maxNodes: 40000) { truncated } }");
        Query("cost", "{ project(path: \"acme/zoo\") { runs(first: 1000) { nodes { loggedArtifacts(first: 1000) { nodes { loggers(first: 1000) { nodes { name } } } } } } } }");
        Query("cost", "{ registry(path: \"acme/models\") { collections(first: 1000) { nodes { versions(first: 1000) { nodes { loggers(first: 1000) { nodes { name } } } } } } } }");

        // Histories and their export, with hostile paths, filters and positions.
        foreach (var bad in injections)
        {
            Query("history", "query ($n: String!) { registry(path: $n) { history { totalCount } } collection(path: $n) { name } verifyAuditHistory(path: $n) { ok } }", new { n = bad });
            Query("history", "query ($n: String!) { registry(path: \"acme/models\") { history(actor: $n) { totalCount } } }", new { n = bad });
            var escaped = Uri.EscapeDataString(bad.Length > 2_000 ? bad[..2_000] : bad);
            Get("history export", $"/history?path={escaped}");
            Get("history export", $"/history?path=acme/models&actor={escaped}");
            Get("history export", $"/history?path=acme/models&actions={escaped}");
            Get("history export", $"/history?path=acme/models&after={escaped}");
            Get("history export", $"/history?path=acme/models&since={escaped}");
        }

        foreach (var query in new[] { "", "?path=", "?path=acme", "?path=acme/models/zoo-classifier/extra/more", "?path=acme/models&path=acme/zoo/data",
            "?path=acme/models&after=-1", "?path=acme/models&after=99999999999999999999", "?path=acme/models&since=2026-13-45", "?path=acme/models&until=yesterday",
            "?path=acme/models&actions=ALIAS_ADDED,NOPE", "?path=acme/zoo/nothing", "?path=acme/models&after=1&after=2" })
        {
            Get("history export", "/history" + query);
        }

        attacks.Add(new("history export", Body("{ __typename }"), "/history"));
        Query("history", "{ registry(path: \"acme/models\") { history(since: \"not a time\") { totalCount } } }");
        Query("history", "{ registry(path: \"acme/models\") { history(first: 2147483647, actions: [ALIAS_ADDED]) { totalCount } } }");

        // Governance mutations with hostile names, and lists past their limits.
        foreach (var bad in injections)
        {
            Query("governance", "mutation ($n: String!) { createRegistry(input: { owner: \"acme\", name: $n }) { name } }", new { n = bad });
            Query("governance", "mutation ($n: String!) { createRegistry(input: { owner: $n, name: \"r\" }) { name } }", new { n = bad });
            Query("governance", "mutation ($n: String!) { updateRegistry(input: { registry: \"acme/models\", protectedAliases: [$n] }) { name } }", new { n = bad });
            Query("governance", "mutation ($n: String!) { grantRole(input: { resource: \"acme/models\", member: $n, role: VIEWER }) { role } }", new { n = bad });
            Query("governance", "mutation ($n: String!) { grantRole(input: { resource: $n, member: \"mallory\", role: VIEWER }) { role } }", new { n = bad });
            Query("governance", "mutation ($n: String!) { createCollection(input: { registry: \"acme/models\", name: $n, type: \"model\" }) { name } }", new { n = bad });
            Query("governance", "mutation ($n: String!) { linkArtifact(input: { artifact: \"acme/zoo/data:v0\", collection: \"acme/models/zoo-classifier\", aliases: [$n] }) { name } }", new { n = bad });
            Query("governance", "mutation ($n: String!) { addTags(input: { target: \"acme/models/zoo-classifier\", tags: [$n] }) { tags } }", new { n = bad });
            Query("governance", "mutation ($n: String!) { removeTags(input: { target: $n, tags: [\"vision\"] }) { tags } }", new { n = bad });
        }

        var many = Enumerable.Range(0, 101).Select(i => $"a{i}").ToArray();
        Query("governance", "mutation ($a: [String!]) { updateRegistry(input: { registry: \"acme/models\", protectedAliases: $a }) { name } }", new { a = many });
        Query("governance", "mutation ($a: [String!]!) { addTags(input: { target: \"acme/models/zoo-classifier\", tags: $a }) { tags } }", new { a = many });
        Query("governance", "mutation ($a: [String!]!) { addTags(input: { target: \"acme/zoo/data:v0\", tags: $a }) { tags } }", new { a = Enumerable.Repeat("t", 1_000_000).ToArray() });
        Query("governance", "mutation ($a: [String!]) { linkArtifact(input: { artifact: \"acme/zoo/data:v0\", collection: \"acme/models/zoo-classifier\", aliases: $a }) { name } }", new { a = many });

        // Documents whose later field fails: the earlier fields are not applied either.
        Query("all or nothing", "mutation { a: createRun(input: { project: \"acme/zoo\", name: \"fresh\" }) { name } b: createRun(input: { project: \"nowhere/zoo\", name: \"r\" }) { name } }");
        Query("all or nothing", "mutation { a: addTags(input: { target: \"acme/models/zoo-classifier\", tags: [\"new\"] }) { tags } b: linkArtifact(input: { artifact: \"acme/zoo/data:v9\", collection: \"acme/models/zoo-classifier\" }) { name } }");
        Query("all or nothing", "mutation { a: updateRegistry(input: { registry: \"acme/models\", visibility: RESTRICTED }) { name } b: grantRole(input: { resource: \"acme/models\", member: \"nobody\", role: MEMBER }) { role } }");
        Query("all or nothing", "mutation { a: logArtifact(input: { run: \"acme/zoo/r2\", name: \"data\", type: \"dataset\", digest: \"d1\", aliases: [\"best\"] }) { name } b: useArtifact(input: { run: \"acme/zoo/r1\", artifact: \"acme/zoo/data:v1\" }) { name } c: finishRun(input: { run: \"acme/zoo/r1\", state: NOPE }) { name } }");
        Query("all or nothing", "mutation { a: createRun(input: { project: \"acme/zoo\", name: \"fresh\" }) { name } b: createRun(input: { project: \"acme/zoo\", name: \"fresh\" }) { name } }");

        // Idempotent retries: refused answers kept and replayed, a key reused for another request,
        // malformed keys, a query with a key, and a refused key creation retried.
        var refused = Body("mutation { createRun(input: { project: \"nowhere/zoo\", name: \"r\" }) { name } }");
        var refusedKey = Body("mutation { createApiKey(input: { owner: \"nobody\", name: \"k\" }) { key } }");
        attacks.Add(new("idempotency", refused, IdempotencyKey: "retry-1"));
        attacks.Add(new("idempotency", refused, IdempotencyKey: "retry-1"));
        attacks.Add(new("idempotency", Body("mutation { createRun(input: { project: \"acme/zoo\", name: \"other\" }) { name } }"), IdempotencyKey: "retry-1"));
        attacks.Add(new("idempotency", refused, As: Sender.Outsider, IdempotencyKey: "retry-1"));
        attacks.Add(new("idempotency", refusedKey, IdempotencyKey: "retry-2"));
        attacks.Add(new("idempotency", refusedKey, IdempotencyKey: "retry-2"));
        attacks.Add(new("idempotency", Body("{ viewer { name } }"), IdempotencyKey: "retry-3"));
        attacks.Add(new("idempotency", Body("{ viewer { name } }"), IdempotencyKey: "retry-3"));
        foreach (var key in new[] { "", " ", new string('k', 256), "ké", "a b", "tab\there", "\u0000", "../../etc", "'; DROP TABLE idempotency_keys; --" })
        {
            attacks.Add(new("idempotency", refused, IdempotencyKey: key));
        }

        // An outsider asks for what only acme's members may see, and tries to change it.
        foreach (var query in new[]
        {
            "{ registry(path: \"acme/models\") { name history { totalCount } } collection(path: \"acme/models/zoo-classifier\") { name } }",
            "{ verifyAuditHistory(path: \"acme/models\") { ok } }",
            "{ verifyAuditHistory(path: \"acme/zoo/data\") { ok } }",
            "{ artifact(name: \"acme/zoo/data:v0\") { name } lineage(start: \"acme/zoo/r1\") { nodes { id } } }",
            "{ search(text: \"zoo\") { path } namespaces { totalCount } }",
            "mutation { addTags(input: { target: \"acme/models/zoo-classifier\", tags: [\"mine\"] }) { tags } }",
            "mutation { grantRole(input: { resource: \"acme/models\", member: \"mallory\", role: ADMIN }) { role } }",
            "mutation { createRun(input: { project: \"acme/zoo\", name: \"mine\" }) { name } }",
            "mutation { createRegistry(input: { owner: \"acme\", name: \"mine\" }) { name } }",
            "mutation { createApiKey(input: { owner: \"admin\", name: \"mine\" }) { key } }",
            "mutation { updateRegistry(input: { registry: \"acme/models\", protectedAliases: [] }) { name } }",
        })
        {
            attacks.Add(new("outsider", Body(query), As: Sender.Outsider));
        }

        // A registry member reaches for what only its administrators may do.
        foreach (var query in new[]
        {
            "mutation { addAlias(input: { artifact: \"acme/models/zoo-classifier:v0\", alias: \"PRODUCTION\" }) { name } }",
            "mutation { removeAlias(input: { artifact: \"acme/models/zoo-classifier:v0\", alias: \"production\" }) { name } }",
            "mutation { linkArtifact(input: { artifact: \"acme/zoo/data:v0\", collection: \"acme/models/zoo-classifier\", aliases: [\"Production\"] }) { name } }",
            "mutation { updateRegistry(input: { registry: \"acme/models\", protectedAliases: [] }) { name } }",
            "mutation { grantRole(input: { resource: \"acme/models\", member: \"mel\", role: ADMIN }) { role } }",
            "mutation { revokeRole(input: { resource: \"acme/models\", member: \"admin\" }) }",
            "mutation { createApiKey(input: { owner: \"admin\", name: \"mine\" }) { key } }",
            "{ apiKeys(owner: \"admin\") { totalCount } }",
        })
        {
            attacks.Add(new("member", Body(query), As: Sender.Member));
        }

        Get("outsider", "/history?path=acme/models", Sender.Outsider);
        Get("outsider", "/history?path=acme/zoo/data", Sender.Outsider);
        Get("outsider", "/history?path=acme/models/zoo-classifier", Sender.Outsider);
        return attacks;
    }

    /// <summary>Random strings that lean towards separators, look-alikes, control and surrogate characters, or near-misses of valid paths.</summary>
    private static string Hostile(Random random)
    {
        const string alphabet = "abcXYZ019._-/:///::vV@#%?&= \t\n\r\0'\"\\;éß中😀\uD800\uDFFF\u202E\u00A0";
        if (random.Next(3) == 0)
        {
            // A valid path or name, then one or two characters changed.
            var valid = new[] { "acme/zoo", "acme/zoo/run-1", "acme/models/zoo.classifier", "acme/zoo/data:v4", "acme/zoo/data:production", "data_1", "sha256:abc" }[random.Next(7)];
            var chars = valid.ToCharArray().ToList();
            for (var edits = random.Next(1, 3); edits > 0; edits--)
            {
                var at = random.Next(chars.Count + 1);
                var c = alphabet[random.Next(alphabet.Length)];
                switch (random.Next(3))
                {
                    case 0: chars.Insert(at, c); break;
                    case 1 when at < chars.Count: chars.RemoveAt(at); break;
                    default: if (at < chars.Count) { chars[at] = c; } break;
                }
            }

            return new string([.. chars]);
        }

        var length = random.Next(10) == 0 ? random.Next(100, 2_000) : random.Next(0, 40);
        return new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private static string RandomJson(Random random, int depth)
    {
        return (depth > 4 ? random.Next(4) : random.Next(7)) switch
        {
            0 => random.Next(2) == 0 ? "null" : "true",
            1 => random.NextDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
            2 => JsonSerializer.Serialize(new string('q', random.Next(20))),
            3 => "\"" + "{ run(path: \\\"a/b/c\\\") { name } }" + "\"",
            4 => "[" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]",
            _ => "{" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(i =>
                $"\"{(random.Next(3) == 0 ? "query" : random.Next(2) == 0 ? "variables" : $"k{i}")}\":{RandomJson(random, depth + 1)}")) + "}",
        };
    }

    private static IEnumerable<string> Codes(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            yield break;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("errors", out var errors))
            {
                yield break;
            }

            foreach (var error in errors.EnumerateArray())
            {
                yield return error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code)
                    ? code.GetString() ?? "(none)"
                    : "(none)";
            }
        }
    }

    /// <summary>
    /// Every table's row count and a digest of its rows: what a refused request must leave alone.
    /// Kept answers of idempotent requests are the one thing a refused request may add.
    /// </summary>
    private string Snapshot()
    {
        using var connection = new SqliteConnection($"Data Source={_app.Database.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'idempotency_keys' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            var rows = 0;
            var hash = new HashCode();
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    hash.Add(reader.IsDBNull(i) ? "\0" : Convert.ToString(reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            text.Append(table).Append('=').Append(rows).Append('#').Append(hash.ToHashCode()).Append(' ');
        }

        return text.ToString();
    }

    private static string Escape(string value) =>
        string.Concat(value.Take(200).Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
