using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lineage.Tests.Reliability;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// README.md, followed literally by a newcomer: a server started on an empty data directory,
/// the administrator's key read from <c>data/admin-key</c>, then every GraphQL document of the
/// README run in order, as the user the README names (<c>&lt;!-- as: ada --&gt;</c>, with the key
/// its own createApiKey answer gave), and every answer it shows compared with the real one,
/// ids, keys, times and hashes aside. The history exports it shows (<c>curl …/history?…</c>)
/// are fetched and compared the same way. A past time the README asks the reader to copy from
/// an answer above (<c>&lt;!-- asOf: data.collection.history.nodes[4].at --&gt;</c>) is copied from
/// the newest answer that has it into every <c>asOf: "…"</c> of the next block. The OpenLineage
/// events it sends (<c>curl …/api/v1/lineage … -d '…'</c>) are posted as shown, and their answers
/// compared too.
/// </summary>
[Trait(Cost.Name, Cost.Slow)]
public sealed partial class ReadmeTests : IDisposable
{
    /// <summary>Values that differ from run to run: they must be there, of the same kind, not the same.</summary>
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "id", "key", "at", "createdAt", "requestId", "hash", "headHash", "from", "to", "sourceCommitment", "sourceSalt",
        "cursor", "startCursor", "endCursor", "firstBrokenEventId",
    };

    private readonly TempDirectory _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [GeneratedRegex(@"^<!-- as: ([a-z0-9._-]+) -->$")]
    private static partial Regex As();

    [GeneratedRegex(@"^<!-- asOf: ([A-Za-z0-9_.\[\]]+) -->$")]
    private static partial Regex AsOfFrom();

    [GeneratedRegex(@"asOf: ""[^""]*""")]
    private static partial Regex AsOfArgument();

    [GeneratedRegex(@"""(http://127\.0\.0\.1:5000)?(/history\?[^""]+)""")]
    private static partial Regex ExportUrl();

    [GeneratedRegex(@"""http://127\.0\.0\.1:5000(/api/v1/lineage[^""]*)"".*content-type: ([a-z/+-]+)""[^']*-d '([^']*)'", RegexOptions.Singleline)]
    private static partial Regex EventPost();

    [Fact]
    public async Task every_document_of_the_readme_runs_in_order_on_an_empty_data_directory_and_answers_as_shown()
    {
        var steps = Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"), Ct));
        Assert.True(steps.OfType<Documents>().Sum(d => d.Texts.Count) > 40, "the README lost its documents");

        await using var server = new ServerProcess(Path.Combine(_root.Path, "data"), firstStartKey: true);
        await server.StartAsync(Ct);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal) { ["admin"] = server.AdminKey };
        var actor = "admin";
        string? asOf = null;
        var seen = new List<JsonElement>();
        var mismatches = new List<string>();
        var ran = 0;
        foreach (var step in steps)
        {
            switch (step)
            {
                case Actor a:
                    actor = a.Name;
                    break;
                case AsOf t:
                    asOf = seen.AsEnumerable().Reverse().Select(answer => Find(answer, t.Path)).FirstOrDefault(v => v is not null)
                        ?? throw new InvalidOperationException($"line {t.Line}: no answer above has {t.Path}");
                    break;
                case Documents d:
                    var answers = new List<JsonElement>();
                    foreach (var text in d.Texts)
                    {
                        var document = asOf is null ? text : AsOfArgument().Replace(text, $"asOf: \"{asOf}\"");
                        var answer = await PostAsync(server, keys, actor, document);
                        answers.Add(answer);
                        seen.Add(answer);
                        ran++;
                        if (answer.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                            && data.TryGetProperty("createApiKey", out var created) && created.ValueKind == JsonValueKind.Object)
                        {
                            keys[created.GetProperty("apiKey").GetProperty("owner").GetString()!] = created.GetProperty("key").GetString()!;
                        }
                    }

                    // Shown answers belong to the last documents of the block.
                    for (var i = 0; i < d.Expected.Count; i++)
                    {
                        var actual = answers[answers.Count - d.Expected.Count + i];
                        var problem = Compare(d.Expected[i], actual, "");
                        if (problem is not null)
                        {
                            mismatches.Add($"line {d.Line} (as {actor}): {problem}\n  README: {d.Expected[i].GetRawText()}\n  actual: {actual.GetRawText()}");
                        }
                    }

                    asOf = null;
                    break;
                case Events ev:
                    var posted = await PostEventsAsync(server, keys[actor], ev);
                    ran++;
                    var eventProblem = ev.Expected.Count == 1 ? Compare(ev.Expected[0], posted, "") : "the README shows no answer";
                    if (eventProblem is not null)
                    {
                        mismatches.Add($"line {ev.Line} (events to {ev.Path}): {eventProblem}\n  actual: {posted.GetRawText()}");
                    }

                    break;
                case Export e:
                    var lines = await ExportAsync(server, keys[actor], e.Path);
                    ran++;
                    for (var i = 0; i < e.Expected.Count; i++)
                    {
                        var problem = i < lines.Count ? Compare(e.Expected[i], lines[i], "") : "the export has fewer lines";
                        if (problem is not null)
                        {
                            mismatches.Add($"line {e.Line} (export {e.Path}): {problem}\n  README: {e.Expected[i].GetRawText()}\n  actual: {(i < lines.Count ? lines[i].GetRawText() : "-")}");
                        }
                    }

                    break;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{ran} README documents and exports run");
        Assert.True(mismatches.Count == 0, string.Join("\n\n", mismatches));
    }

    private static async Task<JsonElement> PostAsync(ServerProcess server, Dictionary<string, string> keys, string actor, string document)
    {
        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keys.TryGetValue(actor, out var key)
            ? key
            : throw new InvalidOperationException($"the README acts as {actor} before giving {actor} a key"));
        using var response = await http.PostAsJsonAsync("/graphql", new { query = document }, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    private static async Task<JsonElement> PostEventsAsync(ServerProcess server, string key, Events events)
    {
        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var content = new StringContent(events.Body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(events.ContentType);
        using var response = await http.PostAsync(events.Path, content, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    private static async Task<List<JsonElement>> ExportAsync(ServerProcess server, string key, string path)
    {
        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var text = await http.GetStringAsync(path, Ct);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    /// <summary>Where the shown answer and the real one differ, or null; volatile values need only be of the same kind.</summary>
    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: {expected.ValueKind} shown, {actual.ValueKind} answered";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var shown = expected.EnumerateObject().Select(p => p.Name).ToList();
                var given = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!shown.SequenceEqual(given))
                {
                    return $"{path}: members [{string.Join(", ", shown)}] shown, [{string.Join(", ", given)}] answered";
                }

                foreach (var property in expected.EnumerateObject())
                {
                    var value = actual.GetProperty(property.Name);
                    if (Volatile.Contains(property.Name) && property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
                    {
                        if (property.Value.ValueKind != value.ValueKind)
                        {
                            return $"{path}.{property.Name}: {property.Value.ValueKind} shown, {value.ValueKind} answered";
                        }

                        continue;
                    }

                    if (Compare(property.Value, value, $"{path}.{property.Name}") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: {expected.GetArrayLength()} items shown, {actual.GetArrayLength()} answered";
                }

                return expected.EnumerateArray().Zip(actual.EnumerateArray()).Select((pair, i) => Compare(pair.First, pair.Second, $"{path}[{i}]")).FirstOrDefault(p => p is not null);
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: {expected.GetRawText()} shown, {actual.GetRawText()} answered";
        }
    }

    private abstract record Step(int Line);

    private sealed record Actor(int Line, string Name) : Step(Line);

    /// <summary>The next block's <c>asOf</c> arguments take the time at <see cref="Path"/> in the newest answer that has it.</summary>
    private sealed record AsOf(int Line, string Path) : Step(Line);

    /// <summary>The string at a dotted path with [i] indexes, or null.</summary>
    private static string? Find(JsonElement answer, string path)
    {
        var at = answer;
        foreach (var part in path.Split('.'))
        {
            var name = part.Contains('[', StringComparison.Ordinal) ? part[..part.IndexOf('[', StringComparison.Ordinal)] : part;
            if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(name, out at))
            {
                return null;
            }

            if (part.Contains('[', StringComparison.Ordinal))
            {
                var index = int.Parse(part[(part.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (at.ValueKind != JsonValueKind.Array || at.GetArrayLength() <= index)
                {
                    return null;
                }

                at = at[index];
            }
        }

        return at.ValueKind == JsonValueKind.String ? at.GetString() : null;
    }

    private sealed record Documents(int Line, List<string> Texts, List<JsonElement> Expected) : Step(Line);

    private sealed record Export(int Line, string Path, List<JsonElement> Expected) : Step(Line);

    /// <summary>OpenLineage events posted with <c>curl … -d '…'</c>, and the answer shown after them.</summary>
    private sealed record Events(int Line, string Path, string ContentType, string Body, List<JsonElement> Expected) : Step(Line);

    /// <summary>The README's steps: who acts, the GraphQL blocks with the answers shown after them, and the exports.</summary>
    private static List<Step> Parse(string readme)
    {
        var steps = new List<Step>();
        var lines = readme.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Step? last = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (As().Match(lines[i]) is { Success: true } actor)
            {
                steps.Add(new Actor(i + 1, actor.Groups[1].Value));
                continue;
            }

            if (AsOfFrom().Match(lines[i]) is { Success: true } time)
            {
                steps.Add(new AsOf(i + 1, time.Groups[1].Value));
                continue;
            }

            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                if (lines[i].StartsWith("## ", StringComparison.Ordinal) || lines[i].StartsWith("### ", StringComparison.Ordinal))
                {
                    last = null;
                }

                continue;
            }

            var language = lines[i][3..].Trim();
            var start = i + 1;
            var end = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
            var body = lines[start..end];
            i = end;
            switch (language)
            {
                case "graphql":
                    last = new Documents(start, SplitDocuments(body), []);
                    steps.Add(last);
                    break;
                case "sh" when body.Any(l => l.Contains("curl", StringComparison.Ordinal)) && EventPost().Match(string.Join('\n', body)) is { Success: true } post:
                    last = new Events(start, post.Groups[1].Value, post.Groups[2].Value, post.Groups[3].Value, []);
                    steps.Add(last);
                    break;
                case "sh" when body.Any(l => l.Contains("curl", StringComparison.Ordinal)) && ExportUrl().Match(string.Join(' ', body)) is { Success: true } url:
                    last = new Export(start, url.Groups[2].Value, []);
                    steps.Add(last);
                    break;
                case "json" when last is Documents documents:
                    documents.Expected.AddRange(Values(string.Join('\n', body)));
                    last = null;
                    break;
                case "json" when last is Export export:
                    export.Expected.AddRange(Values(string.Join('\n', body)));
                    last = null;
                    break;
                case "json" when last is Events events:
                    events.Expected.AddRange(Values(string.Join('\n', body)));
                    last = null;
                    break;
                default:
                    last = null;
                    break;
            }
        }

        return steps;
    }

    /// <summary>A block's documents: each begins at column 0 with <c>{</c>, <c>query</c> or <c>mutation</c>.</summary>
    private static List<string> SplitDocuments(string[] body)
    {
        var documents = new List<StringBuilder>();
        foreach (var line in body)
        {
            if (line.StartsWith('{') || line.StartsWith("query", StringComparison.Ordinal) || line.StartsWith("mutation", StringComparison.Ordinal))
            {
                documents.Add(new StringBuilder());
            }

            if (documents.Count > 0)
            {
                documents[^1].AppendLine(line);
            }
        }

        return [.. documents.Select(d => d.ToString().Trim()).Where(d => d.Length > 0)];
    }

    /// <summary>Every JSON value in a block, one after another.</summary>
    private static List<JsonElement> Values(string text)
    {
        var values = new List<JsonElement>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var value = JsonDocument.ParseValue(ref reader);
            values.Add(value.RootElement.Clone());
        }

        return values;
    }
}
