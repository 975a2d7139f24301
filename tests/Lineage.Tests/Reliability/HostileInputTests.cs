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
public sealed class HostileInputTests : IAsyncLifetime
{
    private const int StringsPerParser = 20_000;

    private const string QueryAlphabet = "{}()[]:$@!\"\\ abcxyz_0123456789.,=#\n…";

    private readonly LineageApp _app = new();
    private GraphQLClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.GraphQL();
        await _client.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "r1" }) { name } }""");
        await _client.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/r1", name: "data", type: "dataset", digest: "d0" }) { name } }""");
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
        var requests = new List<(string Kind, byte[] Body)>();
        void Add(string kind, string body) => requests.Add((kind, Encoding.UTF8.GetBytes(body)));
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
            requests.Add(("random bytes", bytes));
            requests.Add(("invalid utf-8", [.. "{\"query\":\"{ run(path: \\\""u8.ToArray(), 0xC3, 0x28, 0xFF, 0xFE, .. "\\\") { name } }\"}"u8.ToArray()]));
            Query("random query", new string([.. Enumerable.Range(0, random.Next(1, 300)).Select(_ => QueryAlphabet[random.Next(QueryAlphabet.Length)])]));
        }

        var before = Snapshot();
        var codes = new Dictionary<string, int>();
        var statuses = new Dictionary<int, int>();
        foreach (var (kind, body) in requests)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await _client.Http.PostAsync("/graphql", content, Ct);
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True((int)response.StatusCode < 500, $"{kind}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            foreach (var code in Codes(text))
            {
                codes[code] = codes.GetValueOrDefault(code) + 1;
            }
        }

        Assert.DoesNotContain(ErrorCodes.Internal, codes.Keys);
        Assert.Equal(before, Snapshot());
        using (var check = await _client.Http.PostAsync("/graphql", new StringContent("""{"query":"{ viewer { name } }"}""", Encoding.UTF8, "application/json"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{requests.Count:N0} hostile requests; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; " +
            $"error codes {string.Join(", ", codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}×{c.Value}"))}");
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

    /// <summary>Every table's row count and the newest rows of the write tables: what a refused request must leave alone.</summary>
    private string Snapshot()
    {
        using var connection = new SqliteConnection($"Data Source={_app.Database.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT 'runs', COUNT(*) FROM runs UNION ALL SELECT 'versions', COUNT(*) FROM artifact_versions
            UNION ALL SELECT 'artifacts', COUNT(*) FROM artifacts UNION ALL SELECT 'projects', COUNT(*) FROM projects
            UNION ALL SELECT 'namespaces', COUNT(*) FROM namespaces UNION ALL SELECT 'aliases', COUNT(*) FROM version_aliases
            UNION ALL SELECT 'events', COUNT(*) FROM audit_events UNION ALL SELECT 'used', COUNT(*) FROM used_edges
            UNION ALL SELECT 'logged', COUNT(*) FROM logged_edges
            """;
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            text.Append(reader.GetString(0)).Append('=').Append(reader.GetInt64(1)).Append(' ');
        }

        return text.ToString();
    }

    private static string Escape(string value) =>
        string.Concat(value.Take(200).Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
