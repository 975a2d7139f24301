using System.Text;
using System.Text.Json;
using Lineage.Neo4j;
using Lineage.Tests.Support;

namespace Lineage.Tests.Neo4j;

/// <summary>Answers read as they arrive: rows handed over one by one, never the whole answer held.</summary>
public sealed class AnswerReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A stream that hands over a few bytes at a time, as a slow network does.</summary>
    private sealed class Trickle(byte[] bytes, Random random) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _at; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, random.Next(1, 9)), bytes.Length - _at);
            Array.Copy(bytes, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static readonly string[] Answers =
    [
        """{"data":{"fields":["n","m"],"values":[[1,{"a":"x\"y","b":[true,null,-2.5e3]}],[2,{"a":"é\u00e9\\","b":[]}],[3,null]]},"bookmarks":["FB:1"]}""",
        """{"data":{"fields":["id"],"values":[]},"errors":[{"code":"Neo.ClientError.Statement.SyntaxError","message":"bad \"thing\""}]}""",
        """{ "transaction" : { "id" : "tx-9", "expires" : "2026-12-02T18:00:00Z" }, "data" : { "fields" : [ ], "values" : [ ] } }""",
        """{"errors":[],"bookmarks":[]}""",
    ];

    [Fact]
    public async Task an_answer_trickling_in_gives_the_same_rows_and_the_rest_of_it_as_a_whole_parse()
    {
        var random = new Random(3);
        foreach (var text in Answers)
        {
            for (var round = 0; round < 20; round++)
            {
                var rows = new List<string>();
                var (skeleton, _) = await AnswerReader.ReadAsync(new Trickle(Encoding.UTF8.GetBytes(text), random), (_, row) => rows.Add(row.GetRawText()), keep: false, Ct);

                using var whole = JsonDocument.Parse(text);
                var values = whole.RootElement.TryGetProperty("data", out var data) ? data.GetProperty("values").EnumerateArray().Select(v => v.GetRawText()).ToList() : [];
                Assert.Equal(values, rows);
                foreach (var property in whole.RootElement.EnumerateObject().Where(p => p.Name != "data"))
                {
                    Assert.True(JsonElement.DeepEquals(property.Value, skeleton.GetProperty(property.Name)), $"{property.Name} is kept as sent");
                }

                if (whole.RootElement.TryGetProperty("data", out data))
                {
                    Assert.Equal(data.GetProperty("fields").EnumerateArray().Select(f => f.GetString()), skeleton.GetProperty("data").GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
                    Assert.Equal(0, skeleton.GetProperty("data").GetProperty("values").GetArrayLength());
                }
            }
        }
    }

    [Fact]
    public async Task a_row_larger_than_the_window_widens_it_and_arrives_whole()
    {
        var big = new string('x', 3 * AnswerReader.FirstWindow);
        var text = "{\"data\":{\"fields\":[\"s\"],\"values\":[[\"" + big + "\"],[\"small\"]]}}";
        var rows = new List<string>();

        var (_, window) = await AnswerReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), (fields, row) => rows.Add(row[0].GetString()!), keep: true, Ct);

        Assert.Equal([big, "small"], rows);
        Assert.True(window >= big.Length, $"window {window}");
    }

    [Fact]
    public async Task a_body_that_ends_in_the_middle_is_refused_and_an_empty_one_is_no_answer()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => AnswerReader.ReadAsync(new MemoryStream("""{"data":{"fields":["n"],"values":[[1],[2"""u8.ToArray()), (_, _) => { }, keep: false, Ct));

        var (skeleton, _) = await AnswerReader.ReadAsync(new MemoryStream(), (_, _) => { }, keep: false, Ct);
        Assert.Equal(JsonValueKind.Undefined, skeleton.ValueKind);
    }

    [Fact]
    public async Task a_large_answer_is_mapped_row_by_row_through_a_window_far_smaller_than_it()
    {
        const int count = 60_000;
        var rows = Enumerable.Range(1, count).Select(i => new object?[] { "ARTIFACT", i, "RUN", i + 1, "training-job-with-a-long-name", 7 }).ToArray();
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Rows(["fromKind", "fromId", "toKind", "toId", "toType", "toNamespace"], rows));
        using var client = new Neo4jClient(new Neo4jStoreOptions { Url = fake.Url, User = "neo4j", Password = "pw" });
        var session = new Neo4jSession(client.ReadAsync);

        var ids = await session.QueryAsync("lineage/downstream", r => r.Long("toId"), Ct, ("runs", Array.Empty<long>()), ("versions", new long[] { 1 }), ("visible", null), ("jobTypes", null), ("artifactTypes", null), ("asOf", null));

        Assert.Equal(Enumerable.Range(2, count).Select(i => (long)i), ids);
        var size = JsonSerializer.SerializeToUtf8Bytes(new { data = new { fields = new[] { "fromKind", "fromId", "toKind", "toId", "toType", "toNamespace" }, values = rows } }).Length;
        Assert.True(size > 50 * client.LargestAnswerWindow, $"a {size:N0}-byte answer was read through a {client.LargestAnswerWindow:N0}-byte window");
    }

    [Fact]
    public async Task an_answer_cut_short_with_a_success_status_is_a_passing_failure_not_an_empty_result()
    {
        await using var fake = new FakeNeo4j(_ => new Neo4jAnswer(202, null)) { RawBody = """{"data":{"fields":["n"],"values":[[1],""" };
        using var client = new Neo4jClient(new Neo4jStoreOptions { Url = fake.Url, User = "neo4j", Password = "pw", MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.ReadAsync(CypherCatalog.Get("runs/by-path"), [("path", "a/b/c")], Ct));

        Assert.Contains("not whole JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.Retries);
    }

    [Fact]
    public async Task a_connection_dropped_while_an_answer_is_read_is_a_passing_failure()
    {
        await using var fake = new FakeNeo4j(_ => new Neo4jAnswer(202, null)) { RawBody = """{"data":{"fields":["n"],"values":[[1],""", DropsAfterRawBody = true };
        using var client = new Neo4jClient(new Neo4jStoreOptions { Url = fake.Url, User = "neo4j", Password = "pw", MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.ReadAsync(CypherCatalog.Get("runs/by-path"), [("path", "a/b/c")], Ct));

        // The reset may reach the client before or after the part of the answer sent ahead of it.
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(error.Message, "was lost while its answer was read|not whole JSON|could not be reached"), error.Message);
        Assert.Equal(1, client.Retries);
    }
}
