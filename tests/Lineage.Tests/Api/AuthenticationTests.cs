using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lineage.Identity;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Lineage.Tests.Api;

/// <summary>API keys end to end: who gets in, what is stored, what is logged.</summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly LineageApp _app = new() { LogLevel = LogLevel.Trace, Organizations = [] };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task AssertUnauthenticatedAsync(GraphQLClient client, string expectedMessagePart)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ viewer { name } }"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var body = await GraphQLResponse.ReadAsync(response);
        Assert.False(body.Body.TryGetProperty("data", out _));
        var error = Assert.Single(body.Errors);
        Assert.Equal("UNAUTHENTICATED", error.Str("extensions.code"));
        Assert.Contains(expectedMessagePart, error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_request_without_a_valid_key_is_refused_with_401_before_anything_runs()
    {
        await AssertUnauthenticatedAsync(_app.GraphQL(key: null), "authentication is required");
        await AssertUnauthenticatedAsync(_app.GraphQL("not-a-key"), "not valid");
        await AssertUnauthenticatedAsync(_app.GraphQL(ApiKeyToken.Generate().Reveal()), "not valid");

        // The right id with a wrong secret is no better than an unknown key.
        var id = ApiKeyToken.TryParse(_app.AdminKey, out var admin) ? admin.Id : throw new InvalidOperationException();
        var forged = $"lin_{id}_{new string('A', ApiKeyToken.SecretLength)}";
        await AssertUnauthenticatedAsync(_app.GraphQL(forged), "not valid");

        var basic = _app.GraphQL(key: null);
        basic.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");
        await AssertUnauthenticatedAsync(basic, "only bearer API keys");

        using var get = await _app.GraphQL(key: null).Http.GetAsync("/graphql?query=%7B__typename%7D", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);

        // Refused requests change nothing.
        var created = await _app.GraphQL(key: null).SendAsync("""mutation { createRun(input: { project: "acme/zoo", name: "sneaky" }) { path } }""");
        Assert.Equal("UNAUTHENTICATED", created.Errors[0].Str("extensions.code"));
        await _app.GraphQL().ErrorAsync("NOT_FOUND", """{ run(path: "acme/zoo/sneaky") { path } }""");
    }

    [Fact]
    public async Task a_new_key_is_shown_once_works_at_once_and_stops_working_when_revoked()
    {
        var alice = await _app.UserAsync("alice");
        var made = await alice.DataAsync("""mutation { createApiKey(input: { name: "laptop" }) { key apiKey { id name owner state createdBy } } }""");
        var key = made.Str("createApiKey.key");
        Assert.Matches("^lin_[a-z0-9]{12}_[A-Za-z0-9]{40}$", key);
        Assert.StartsWith($"lin_{made.Str("createApiKey.apiKey.id")}_", key, StringComparison.Ordinal);
        Assert.Equal(("laptop", "alice", "ACTIVE", "alice"),
            (made.Str("createApiKey.apiKey.name"), made.Str("createApiKey.apiKey.owner"), made.Str("createApiKey.apiKey.state"), made.Str("createApiKey.apiKey.createdBy")));

        var laptop = _app.GraphQL(key);
        Assert.Equal("alice", (await laptop.DataAsync("{ viewer { name kind isAdministrator } }")).Str("viewer.name"));

        var listed = await alice.DataAsync("{ apiKeys { totalCount nodes { id name state } } }");
        Assert.Equal(2, listed.At("apiKeys.totalCount").GetInt32());
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);

        var revoked = await alice.DataAsync("mutation ($id: String!) { revokeApiKey(input: { id: $id }) { state revokedBy } }", new { id = made.Str("createApiKey.apiKey.id") });
        Assert.Equal(("REVOKED", "alice"), (revoked.Str("revokeApiKey.state"), revoked.Str("revokeApiKey.revokedBy")));
        await AssertUnauthenticatedAsync(laptop, "was revoked");
        Assert.Equal(1, (await alice.DataAsync("{ apiKeys { totalCount } }")).At("apiKeys.totalCount").GetInt32());
        Assert.Equal(2, (await alice.DataAsync("{ apiKeys(includeRevoked: true) { totalCount } }")).At("apiKeys.totalCount").GetInt32());
    }

    [Fact]
    public async Task an_expired_key_is_refused_and_listed_as_expired()
    {
        var alice = await _app.UserAsync("alice");
        var expires = DateTime.UtcNow.AddHours(1).ToString("O");
        var made = await alice.DataAsync(
            "mutation ($at: DateTime!) { createApiKey(input: { name: \"short\", expiresAt: $at }) { key apiKey { expiresAt state } } }", new { at = expires });
        var shortLived = _app.GraphQL(made.Str("createApiKey.key"));
        await shortLived.DataAsync("{ viewer { name } }");

        _app.Clock.Offset = TimeSpan.FromHours(2);
        await AssertUnauthenticatedAsync(shortLived, "expired at");
        var listed = await _app.GraphQL().DataAsync("{ apiKeys(owner: \"alice\") { nodes { name state } } }");
        Assert.Contains(listed.At("apiKeys.nodes").EnumerateArray(), k => k.Str("name") == "short" && k.Str("state") == "EXPIRED");

        await alice.ErrorAsync("INVALID_ARGUMENT", """mutation { createApiKey(input: { name: "past", expiresAt: "2020-01-01T00:00:00Z" }) { key } }""");
    }

    [Fact]
    public async Task a_script_runs_as_a_service_account_with_an_expiring_key_as_the_readme_shows()
    {
        var admin = _app.GraphQL();
        await admin.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name kind } }""");
        await admin.DataAsync("""mutation { createServiceAccount(input: { namespace: "acme", name: "ci-bot", role: MEMBER }) { name kind } }""");
        var made = await admin.DataAsync("""
            mutation {
              createApiKey(input: { owner: "ci-bot", name: "nightly-training", expiresAt: "2099-06-01T00:00:00Z" }) {
                key apiKey { id owner expiresAt } }
            }
            """);
        Assert.Equal("2099-06-01T00:00:00Z", made.Str("createApiKey.apiKey.expiresAt"));

        var bot = _app.GraphQL(made.Str("createApiKey.key"));
        var run = await bot.DataAsync("""mutation { createRun(input: { project: "acme/nightly", name: "n1", jobType: "train" }) { path createdBy } }""");
        Assert.Equal(("acme/nightly/n1", "ci-bot"), (run.Str("createRun.path"), run.Str("createRun.createdBy")));
        var viewer = await bot.DataAsync("{ viewer { name kind homeNamespace } }");
        Assert.Equal(("ci-bot", "SERVICE_ACCOUNT", "acme"), (viewer.Str("viewer.name"), viewer.Str("viewer.kind"), viewer.Str("viewer.homeNamespace")));

        // The account records work but does not administer: it cannot hand out roles.
        await bot.ErrorAsync("FORBIDDEN", """mutation { grantRole(input: { resource: "acme", member: "ci-bot", role: ADMIN }) { role } }""");
        var members = await admin.DataAsync("""{ namespace(name: "acme") { members { nodes { member memberKind role } } } }""");
        var member = Assert.Single(members.At("namespace.members.nodes").EnumerateArray());
        Assert.Equal(("ci-bot", "SERVICE_ACCOUNT", "MEMBER"), (member.Str("member"), member.Str("memberKind"), member.Str("role")));
    }

    [Fact]
    public async Task the_database_never_holds_a_key_or_its_secret_in_clear()
    {
        var keys = new List<string> { _app.AdminKey };
        var alice = await _app.UserAsync("alice");
        for (var i = 0; i < 3; i++)
        {
            keys.Add((await alice.DataAsync("mutation ($n: String!) { createApiKey(input: { name: $n }) { key } }", new { n = $"k{i}" })).Str("createApiKey.key"));
        }

        foreach (var key in keys)
        {
            await _app.GraphQL(key).DataAsync("{ viewer { name } }");
        }

        // Once with the write-ahead log as it is, once after it was copied into the main file.
        var files = Directory.GetFiles(_app.DataDirectory);
        Assert.Contains(files, f => f.EndsWith("lineage.db", StringComparison.Ordinal));
        AssertAbsent(files, keys);
        await using (var connection = new SqliteConnection($"Data Source={_app.Database.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        AssertAbsent(Directory.GetFiles(_app.DataDirectory), keys);
        // The stored hashes are there, so the search would find bytes that are stored.
        var hash = ApiKeyToken.TryParse(keys[1], out var token) ? token.Hash() : throw new InvalidOperationException();
        Assert.True(Contains(await File.ReadAllBytesAsync(_app.Database.DatabasePath, TestContext.Current.CancellationToken), hash));
    }

    [Fact]
    public async Task keys_never_reach_the_log_even_at_trace_level()
    {
        var alice = await _app.UserAsync("alice");
        var key = (await alice.DataAsync("""mutation { createApiKey(input: { name: "ci" }) { key } }""")).Str("createApiKey.key");
        await _app.GraphQL(key).DataAsync("{ viewer { name } }");
        await _app.GraphQL(key[..^1] + (key[^1] == 'A' ? 'B' : 'A')).SendAsync("{ viewer { name } }");

        Assert.NotEmpty(_app.Logs.Lines);
        var secrets = new[] { _app.AdminKey, key, key[(4 + ApiKeyToken.IdLength + 1)..], _app.AdminKey[(4 + ApiKeyToken.IdLength + 1)..] };
        foreach (var line in _app.Logs.Lines)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            }
        }
    }

    private static void AssertAbsent(IEnumerable<string> files, IReadOnlyList<string> keys)
    {
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            foreach (var key in keys)
            {
                var secret = key[(4 + ApiKeyToken.IdLength + 1)..];
                Assert.False(Contains(bytes, Encoding.ASCII.GetBytes(key)), $"{Path.GetFileName(file)} holds a whole key");
                Assert.False(Contains(bytes, Encoding.ASCII.GetBytes(secret)), $"{Path.GetFileName(file)} holds a key's secret");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"{Path.GetFileName(file)} holds a key's secret as UTF-16");
            }
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
