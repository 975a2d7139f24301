using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>GraphQL over HTTP: methods, media types and status codes.</summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class HttpProtocolTests : IClassFixture<LineageApp>
{
    private readonly LineageApp _app;
    private readonly HttpClient _http;

    public HttpProtocolTests(LineageApp app)
    {
        _app = app;
        _http = app.CreateClient();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PostAsync(string body, string? accept = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await _http.SendAsync(request, Ct);
    }

    [Fact]
    public async Task healthz_answers_without_a_key_and_tells_nothing_else()
    {
        using var anonymous = _app.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;
        using var response = await anonymous.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task the_web_page_is_served_at_the_root_and_graphiql_to_a_browser_at_graphql_with_protective_headers()
    {
        using var anonymous = _app.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        using var page = await anonymous.GetAsync("/", Ct);
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var playground = await anonymous.SendAsync(browser, Ct);
        using var script = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        script.Headers.Accept.ParseAdd("application/json");
        using var api = await anonymous.SendAsync(script, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<main id=\"app\">", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, playground.StatusCode);
        Assert.Contains("id=\"graphiql\"", await playground.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        foreach (var response in new[] { page, playground })
        {
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }

        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task a_playgrounds_full_introspection_query_is_within_the_limits()
    {
        // The shape GraphiQL sends to draw its documentation: every type, field, argument and
        // directive, with wrapped types unwrapped nine levels deep.
        const string typeRef = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";
        var query = $$"""
            query IntrospectionQuery {
              __schema {
                queryType { name } mutationType { name } subscriptionType { name }
                types { ...FullType }
                directives { name description locations args { ...InputValue } }
              }
            }
            fragment FullType on __Type {
              kind name description
              fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
              inputFields { ...InputValue }
              interfaces { ...TypeRef }
              enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
              possibleTypes { ...TypeRef }
            }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
            fragment TypeRef on __Type { {{typeRef}} }
            """;

        using var response = await PostAsync(System.Text.Json.JsonSerializer.Serialize(new { query }));
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"LineageGraph\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task queries_work_over_get_with_url_parameters()
    {
        using var response = await _http.GetAsync("/graphql?query=" + Uri.EscapeDataString("query Q($p: String!) { project(path: $p) { name } __typename }")
            + "&operationName=Q&variables=" + Uri.EscapeDataString("""{"p":"acme/none"}"""), Ct);
        var parsed = await GraphQLResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Query", parsed.Data.Str("__typename"));
        Assert.Equal("NOT_FOUND", parsed.Errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task mutations_over_get_are_refused_with_405_and_do_nothing()
    {
        using var response = await _http.GetAsync("/graphql?query=" + Uri.EscapeDataString("""mutation { createRun(input: { project: "acme/get", name: "r" }) { name } }"""), Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        using var check = await PostAsync("""{"query":"{ project(path: \"acme/get\") { name } }"}""");
        Assert.Equal("NOT_FOUND", (await GraphQLResponse.ReadAsync(check)).Errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task other_methods_are_refused_with_405()
    {
        using var response = await _http.PutAsync("/graphql", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/json", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData(null, "application/json")]
    [InlineData("application/json;q=0.5, application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json;q=0.1, application/json", "application/json")]
    public async Task the_response_type_follows_the_accept_header(string? accept, string expected)
    {
        using var response = await PostAsync("""{"query":"{ __typename }"}""", accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
    }

    [Fact]
    public async Task an_accept_header_allowing_neither_json_type_gets_406()
    {
        using var response = await PostAsync("""{"query":"{ __typename }"}""", "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=latin1")]
    public async Task a_post_without_a_json_body_type_gets_415(string contentType)
    {
        using var response = await PostAsync("""{"query":"{ __typename }"}""", contentType: contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("application/graphql-response+json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", HttpStatusCode.OK)]
    public async Task invalid_documents_answer_400_or_200_by_response_type_and_carry_no_data(string accept, HttpStatusCode status)
    {
        foreach (var query in new[] { "{ nosuchfield }", "{ unclosed", "query ($id: ID!) { __typename }" })
        {
            var body = System.Text.Json.JsonSerializer.Serialize(new { query, variables = new { id = (string?)null } });
            using var response = await PostAsync(body, accept);
            Assert.Equal(status, response.StatusCode);
            var parsed = await GraphQLResponse.ReadAsync(response);
            Assert.False(parsed.Body.TryGetProperty("data", out _));
            Assert.NotEmpty(parsed.Errors);
        }
    }

    [Fact]
    public async Task field_errors_keep_status_200_with_partial_data()
    {
        using var response = await PostAsync("""{"query":"{ run(path: \"acme/zoo/none\") { name } __typename }"}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parsed = await GraphQLResponse.ReadAsync(response);
        Assert.Equal("Query", parsed.Data.Str("__typename"));
        Assert.Equal("NOT_FOUND", parsed.Errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
