using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace Lineage.Server.GraphQL.Streaming;

/// <summary>
/// graphql-dotnet's System.Text.Json serializer with the service's settings, and a way to write
/// an answer straight into an in-memory stream: parts of the answer that flush as they are
/// written (<see cref="LineageListAnswerConverter"/>) then land in the stream as they go, instead of
/// first filling a buffer as large as the whole answer.
/// </summary>
internal sealed class AnswerSerializer(IErrorInfoProvider errors) : GraphQLSerializer(Configure, errors)
{
    /// <summary>Writes <paramref name="result"/> into <paramref name="stream"/>, synchronously: the stream is memory.</summary>
    public void Write(Stream stream, ExecutionResult result)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Encoder = SerializerOptions.Encoder,
            Indented = SerializerOptions.WriteIndented,
            MaxDepth = SerializerOptions.MaxDepth,
        });
        JsonSerializer.Serialize(writer, result, SerializerOptions);
    }

    private static void Configure(JsonSerializerOptions json)
    {
        json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

        // An answer nests as deep as its query (at most maxQueryDepth fields) plus any stored
        // JSON inside it: never refuse to write what was stored.
        json.MaxDepth = 1024;
    }
}
