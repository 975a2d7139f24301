using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lineage.Tests.Support;

/// <summary>Posts GraphQL documents the way a script would.</summary>
public sealed class GraphQLClient
{
    public GraphQLClient(HttpClient http)
    {
        Http = http;
    }

    public HttpClient Http { get; }

    public async Task<GraphQLResponse> SendAsync(string query, object? variables = null, string accept = "application/graphql-response+json", string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = operationName is null ? JsonContent.Create(new { query, variables }) : JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return await GraphQLResponse.ReadAsync(response);
    }

    /// <summary>Sends and requires an answer without errors.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null, string? operationName = null)
    {
        var response = await SendAsync(query, variables, operationName: operationName);
        Assert.True(response.Errors.Count == 0, $"unexpected errors: {response.Body}");
        return response.Data;
    }

    /// <summary>Sends and requires exactly one error with <paramref name="code"/>; returns it.</summary>
    public async Task<JsonElement> ErrorAsync(string code, string query, object? variables = null, string? operationName = null)
    {
        var response = await SendAsync(query, variables, operationName: operationName);
        Assert.True(response.Errors.Count == 1, $"expected one error, got: {response.Body}");
        Assert.Equal(code, response.Errors[0].GetProperty("extensions").GetProperty("code").GetString());
        return response.Errors[0];
    }
}
