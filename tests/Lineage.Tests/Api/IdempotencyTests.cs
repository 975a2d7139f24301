using System.Net;
using System.Net.Http.Json;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// Idempotency-Key on mutations: a retry with the same key and request gets the first answer
/// and writes nothing; the same key with another request is refused; keys are per principal.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class IdempotencyTests : IAsyncLifetime
{
    private readonly LineageApp _app = new();
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _http = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private static object CreateRun(string name) => new
    {
        query = "mutation ($n: String!) { createRun(input: { project: \"acme/idem\", name: $n }) { path createdAt } }",
        variables = new { n = name },
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return http.SendAsync(request, Ct);
    }

    [Fact]
    public async Task a_retry_with_the_same_key_gets_the_first_answer_and_writes_nothing()
    {
        using var first = await PostAsync(_http, CreateRun("once"), "key-1");
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        using var retry = await PostAsync(_http, CreateRun("once"), "key-1");
        var retryBody = await retry.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain("errors", firstBody, StringComparison.Ordinal);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(firstBody, retryBody);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Content.Headers.ContentType, retry.Content.Headers.ContentType);

        // Without the key the same mutation runs again, and is refused: the run exists once.
        using var again = await PostAsync(_http, CreateRun("once"), null);
        Assert.Contains("CONFLICT", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var runs = await _app.GraphQL().DataAsync("""{ project(path: "acme/idem") { runs(first: 10) { totalCount } } }""");
        Assert.Equal(1, runs.At("project.runs.totalCount").GetInt32());
    }

    [Fact]
    public async Task a_refusal_is_an_answer_too_and_is_replayed()
    {
        var cycle = new { query = """mutation { createRun(input: { project: "nowhere-at-all/p", name: "r" }) { path } }""" };
        using var user = await UserClientAsync("ivy");
        using var first = await PostAsync(user, cycle, "refused");
        using var retry = await PostAsync(user, cycle, "refused");

        Assert.Contains("NOT_FOUND", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await retry.Content.ReadAsStringAsync(Ct));
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task the_same_key_with_another_request_is_refused_and_runs_nothing()
    {
        using var first = await PostAsync(_http, CreateRun("a"), "key-2");
        using var other = await PostAsync(_http, CreateRun("b"), "key-2");
        var body = await other.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Contains("was used for a different request", body, StringComparison.Ordinal);
        Assert.Contains("INVALID_ARGUMENT", body, StringComparison.Ordinal);
        var run = await _app.GraphQL().DataAsync("""{ b: run(path: "acme/idem/a") { path } }""");
        Assert.Equal("acme/idem/a", run.Str("b.path"));
        var missing = await _app.GraphQL().SendAsync("""{ run(path: "acme/idem/b") { path } }""");
        Assert.Contains("NOT_FOUND", missing.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task keys_belong_to_their_principal()
    {
        await _app.GraphQL().DataAsync("""mutation { createRun(input: { project: "acme/idem", name: "seed" }) { path } }""");
        using var max = await UserClientAsync("max");
        await _app.GraphQL().DataAsync("""mutation { grantRole(input: { resource: "acme", member: "max", role: MEMBER }) { role } }""");

        using var mine = await PostAsync(_http, CreateRun("shared-1"), "shared");
        using var theirs = await PostAsync(max, CreateRun("shared-2"), "shared");

        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
        Assert.Contains("acme/idem/shared-2", await theirs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_retry_while_the_first_request_still_runs_is_refused_and_the_first_answers_once()
    {
        await using var slow = new LineageApp { StoreDelay = TimeSpan.FromSeconds(1) };
        using var http = slow.CreateClient();
        var first = PostAsync(http, CreateRun("slow"), "key-3");
        await Task.Delay(300, Ct);

        using var retry = await PostAsync(http, CreateRun("slow"), "key-3");
        using var answered = await first;
        using var late = await PostAsync(http, CreateRun("slow"), "key-3");

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("is still running", await retry.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(await answered.Content.ReadAsStringAsync(Ct), await late.Content.ReadAsStringAsync(Ct));
        Assert.True(late.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task an_answer_that_shows_a_secret_is_never_kept_and_a_retry_names_the_key_without_it()
    {
        var create = new { query = "mutation { createApiKey(input: { name: \"laptop\" }) { key apiKey { id } } }" };
        using var first = await PostAsync(_http, create, "new-key");
        var firstBody = await GraphQLResponse.ReadAsync(first);
        var key = firstBody.Data.Str("createApiKey.key");
        var id = firstBody.Data.Str("createApiKey.apiKey.id");
        var secret = key[(key.LastIndexOf('_') + 1)..];

        using var retry = await PostAsync(_http, create, "new-key");
        var retryText = await retry.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Contains($"made the API key '{id}'", retryText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, retryText, StringComparison.Ordinal);
        Assert.Equal(1, (await _app.GraphQL().DataAsync("{ apiKeys { totalCount } }")).At("apiKeys.totalCount").GetInt32() - 1);

        // The secret is nowhere on disk: not in the database, its write-ahead log, or a backup.
        var backup = Path.Combine(_app.DataDirectory, "backup.db");
        await global::Lineage.Sqlite.SqliteBackup.BackupAsync(_app.Database.DatabasePath, backup, Ct);
        foreach (var file in new[] { _app.Database.DatabasePath, _app.Database.DatabasePath + "-wal", backup })
        {
            Assert.True(File.Exists(file), $"{file} is missing");
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds the key's secret");
        }
    }

    [Fact]
    public async Task a_retry_shows_nothing_once_the_callers_roles_have_changed_and_a_query_is_never_replayed()
    {
        using var dana = await UserClientAsync("dana");
        var admin = _app.GraphQL();
        await admin.DataAsync("""mutation { grantRole(input: { resource: "acme", member: "dana", role: MEMBER }) { role } }""");
        var create = new { query = "mutation { createRun(input: { project: \"acme/private\", name: \"mine\", config: { token: \"sensitive-value\" } }) { path config } }" };
        using (var first = await PostAsync(dana, create, "dana-1"))
        {
            Assert.Contains("sensitive-value", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var read = new { query = "{ run(path: \"acme/private/mine\") { config } }" };
        using (var query = await PostAsync(dana, read, "dana-read"))
        {
            Assert.Contains("sensitive-value", await query.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await admin.DataAsync("""mutation { revokeRole(input: { resource: "acme", member: "dana" }) }""");

        using var retry = await PostAsync(dana, create, "dana-1");
        var retryText = await retry.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("your roles have changed", retryText, StringComparison.Ordinal);
        Assert.DoesNotContain("sensitive-value", retryText, StringComparison.Ordinal);

        // A query with a key is not kept: it runs again, with the roles held now.
        using var again = await PostAsync(dana, read, "dana-read");
        var againText = await again.Content.ReadAsStringAsync(Ct);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Contains("NOT_FOUND", againText, StringComparison.Ordinal);
        Assert.DoesNotContain("sensitive-value", againText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public async Task a_malformed_key_is_refused_before_anything_runs(string key)
    {
        using var response = await PostAsync(_http, CreateRun("never"), key);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key must be", body, StringComparison.Ordinal);
        var missing = await _app.GraphQL().SendAsync("""{ run(path: "acme/idem/never") { path } }""");
        Assert.Contains("NOT_FOUND", missing.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_key_longer_than_255_characters_is_refused()
    {
        using var response = await PostAsync(_http, CreateRun("long"), new string('k', 256));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpClient> UserClientAsync(string name)
    {
        var admin = _app.GraphQL();
        await admin.DataAsync("mutation ($n: String!) { createUser(input: { name: $n }) { name } }", new { n = name });
        var key = await admin.DataAsync("mutation ($n: String!) { createApiKey(input: { owner: $n, name: \"t\" }) { key } }", new { n = name });
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Str("createApiKey.key"));
        return http;
    }
}
