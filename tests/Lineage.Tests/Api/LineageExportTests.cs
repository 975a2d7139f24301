using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// <c>lineageExport(format:)</c> on the zoo example: each format read back and checked against
/// the nodes and edges <c>lineage</c> answers for the same arguments.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed partial class LineageExportTests : IAsyncLifetime
{
    private const string Query = """
        query ($format: LineageExportFormat!) {
          lineage(start: "acme/zoo/zoo-eval-results:v0", direction: UPSTREAM, depth: 10) {
            nodes { kind name path type } edges { from to kind } nodes2: nodes { id path }
          }
          lineageExport(start: "acme/zoo/zoo-eval-results:v0", direction: UPSTREAM, depth: 10, format: $format)
        }
        """;

    private readonly LineageApp _app = new();
    private GraphQLClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = _app.GraphQL();
        await ZooExample.SeedAsync(_admin);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<(JsonElement Lineage, string Export, List<(string From, string To, string Kind)> Edges)> ExportAsync(string format)
    {
        var data = await _admin.DataAsync(Query, new { format });
        var lineage = data.GetProperty("lineage");
        var pathOf = lineage.GetProperty("nodes2").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("path").GetString()!);
        var edges = lineage.GetProperty("edges").EnumerateArray()
            .Select(e => (pathOf[e.GetProperty("from").GetString()!], pathOf[e.GetProperty("to").GetString()!], e.GetProperty("kind").GetString()!))
            .ToList();
        return (lineage, data.GetProperty("lineageExport").GetString()!, edges);
    }

    [Fact]
    public async Task graphml_reads_back_as_the_same_nodes_and_edges()
    {
        var (lineage, export, edges) = await ExportAsync("GRAPHML");
        var xml = XDocument.Parse(export);
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        string Data(XElement e, string key) => e.Elements(ns + "data").Single(d => (string)d.Attribute("key")! == key).Value;

        var graph = xml.Root!.Element(ns + "graph")!;
        Assert.Equal("directed", (string?)graph.Attribute("edgedefault"));
        var nodes = graph.Elements(ns + "node").ToDictionary(n => (string)n.Attribute("id")!, n => Data(n, "path"));
        Assert.Equal(lineage.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("path").GetString()).Order(), nodes.Values.Order());
        Assert.Equal(8, nodes.Count);
        var run = graph.Elements(ns + "node").Single(n => Data(n, "path") == "acme/zoo/rural-feather-20");
        Assert.Equal("RUN", Data(run, "kind"));
        Assert.Equal("train", Data(run, "type"));

        var read = graph.Elements(ns + "edge")
            .Select(e => (nodes[(string)e.Attribute("source")!], nodes[(string)e.Attribute("target")!], Data(e, "edgeKind")))
            .ToList();
        Assert.Equal(edges.Order(), read.Order());
        Assert.Contains(("acme/zoo/split_zoo_dataset:v4", "acme/zoo/rural-feather-20", "USED"), read);
        Assert.Contains(("acme/zoo/rural-feather-20", "acme/zoo/zoo-ylbchv20:v0", "LOGGED"), read);
    }

    [Fact]
    public async Task dot_names_every_node_by_its_path_and_every_edge_the_way_data_flows()
    {
        var (lineage, dot, edges) = await ExportAsync("DOT");
        Assert.StartsWith("digraph lineage {\n", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);

        var nodes = DotNode().Matches(dot).Select(m => (Path: m.Groups[1].Value, Label: m.Groups[2].Value, Shape: m.Groups[3].Value)).ToList();
        Assert.Equal(lineage.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("path").GetString()).Order(), nodes.Select(n => n.Path).Order());
        Assert.Contains(("acme/zoo/rural-feather-20", "rural-feather-20", "box"), nodes);
        Assert.Contains(("acme/zoo/zoo-ylbchv20:v0", "zoo-ylbchv20:v0", "ellipse"), nodes);

        var read = DotEdge().Matches(dot).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value.ToUpperInvariant())).ToList();
        Assert.Equal(edges.Order(), read.Order());
    }

    [Fact]
    public async Task mermaid_draws_runs_as_boxes_and_versions_as_circles_with_one_arrow_per_edge()
    {
        var (lineage, mermaid, edges) = await ExportAsync("MERMAID");
        Assert.StartsWith("flowchart LR\n", mermaid, StringComparison.Ordinal);

        var names = new Dictionary<string, string>();
        foreach (Match m in MermaidRun().Matches(mermaid))
        {
            names[m.Groups[1].Value] = "run " + m.Groups[2].Value;
        }

        foreach (Match m in MermaidVersion().Matches(mermaid))
        {
            names[m.Groups[1].Value] = "version " + m.Groups[2].Value;
        }

        var expected = lineage.GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("kind").GetString() == "RUN" ? "run " : "version ") + n.GetProperty("name").GetString());
        Assert.Equal(expected.Order(), names.Values.Order());

        var arrows = MermaidEdge().Matches(mermaid).Select(m => (names[m.Groups[1].Value], names[m.Groups[2].Value])).ToList();
        Assert.Equal(edges.Count, arrows.Count);
        Assert.Contains(("version split_zoo_dataset:v4", "run rural-feather-20"), arrows);
    }

    [Fact]
    public async Task an_unknown_format_is_refused_naming_the_variable_and_its_type()
    {
        var error = await _admin.ErrorAsync("INVALID_ARGUMENT", Query, new { format = "PNG" });
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("$format", message, StringComparison.Ordinal);
        Assert.Contains("LineageExportFormat", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task openlineage_sends_a_run_event_per_run_with_the_versions_it_used_and_logged()
    {
        var (lineage, text, _) = await ExportAsync("OPENLINEAGE");
        var events = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        var runs = lineage.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "RUN").Select(n => n.GetProperty("name").GetString()).Order();
        Assert.Equal(runs, events.Select(e => e.GetProperty("job").GetProperty("name").GetString()).Order());
        foreach (var e in events)
        {
            // What the 2-0-2 schema requires of a run event.
            Assert.Equal("OTHER", e.GetProperty("eventType").GetString());
            Assert.True(DateTimeOffset.TryParse(e.GetProperty("eventTime").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", e.GetProperty("run").GetProperty("runId").GetString());
            Assert.Equal("acme/zoo", e.GetProperty("job").GetProperty("namespace").GetString());
            Assert.Equal("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", e.GetProperty("schemaURL").GetString());
            Assert.True(Uri.TryCreate(e.GetProperty("producer").GetString(), UriKind.Absolute, out _));
        }

        var train = events.Single(e => e.GetProperty("job").GetProperty("name").GetString() == "rural-feather-20");
        string Dataset(JsonElement d) => $"{d.GetProperty("namespace").GetString()}/{d.GetProperty("name").GetString()} {d.GetProperty("facets").GetProperty("version").GetProperty("datasetVersion").GetString()}";
        Assert.Equal(["acme/zoo/split_zoo_dataset v4"], train.GetProperty("inputs").EnumerateArray().Select(Dataset));
        Assert.Equal(["acme/zoo/zoo-ylbchv20 v0"], train.GetProperty("outputs").EnumerateArray().Select(Dataset));
        var upload = events.Single(e => e.GetProperty("job").GetProperty("name").GetString() == "giddy-rain-1");
        Assert.Empty(upload.GetProperty("inputs").EnumerateArray());

        // A run has one id in every export, and no two runs share one.
        var (_, again, _) = await ExportAsync("OPENLINEAGE");
        var ids = events.Select(e => e.GetProperty("run").GetProperty("runId").GetString()).ToList();
        Assert.Equal(ids, JsonDocument.Parse(again).RootElement.EnumerateArray().Select(e => e.GetProperty("run").GetProperty("runId").GetString()));
        Assert.Equal(ids.Count, ids.Distinct().Count());

        using var response = await _admin.Http.GetAsync("/lineage/export?start=acme/zoo/zoo-eval-results:v0&direction=upstream&depth=10&format=openlineage", TestContext.Current.CancellationToken);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(events.Count, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetArrayLength());
    }

    [Fact]
    public async Task the_http_export_sends_the_text_of_the_query_as_a_file_of_its_format()
    {
        var (_, graphml, _) = await ExportAsync("GRAPHML");
        using var response = await _admin.Http.GetAsync(
            "/lineage/export?start=acme/zoo/zoo-eval-results:v0&direction=upstream&depth=10&format=graphml", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphml+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline; filename=\"lineage-acme_zoo_zoo-eval-results_v0.graphml\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(graphml, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var dot = await _admin.Http.GetAsync("/lineage/export?start=acme/zoo/zoo-ylbchv20:v0&format=DOT&depth=1&artifactTypes=model,dataset", TestContext.Current.CancellationToken);
        Assert.Equal("text/vnd.graphviz", dot.Content.Headers.ContentType?.MediaType);
        var text = await dot.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"acme/zoo/rural-feather-20\" -> \"acme/zoo/zoo-ylbchv20:v0\" [label=logged];", text, StringComparison.Ordinal);
        Assert.Contains("\"acme/zoo/zoo-ylbchv20:v0\" -> \"acme/zoo/northern-lake-21\" [label=used];", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("format=dot", 400, "INVALID_ARGUMENT", "'start' is required")]
    [InlineData("start=acme/zoo/zoo-ylbchv20:v0", 400, "INVALID_ARGUMENT", "'format' is required")]
    [InlineData("start=acme/zoo/zoo-ylbchv20:v0&format=png", 400, "INVALID_ARGUMENT", "'png' is not an export format: use one of mermaid, dot, graphml, openlineage")]
    [InlineData("start=acme/zoo/zoo-ylbchv20:v0&format=dot&depth=three", 400, "INVALID_ARGUMENT", "'depth' must be a whole number, not 'three'")]
    [InlineData("start=acme/zoo/zoo-ylbchv20:v0&format=dot&depth=-1", 400, "INVALID_ARGUMENT", "depth must be 0 or more")]
    [InlineData("start=acme/zoo/zoo-ylbchv20:v0&format=dot&direction=sideways", 400, "INVALID_ARGUMENT", "$direction")]
    [InlineData("start=acme/zoo/zoo-ylbchv20:v0&format=dot&maxNodes=999999", 400, "LIMIT_EXCEEDED", "too complex")]
    [InlineData("start=acme/zoo/zoo-ylbchv20:v0&format=dot&format=dot", 400, "INVALID_ARGUMENT", "'format' is given 2 times")]
    [InlineData("start=acme/zoo/nothing:v0&format=dot", 404, "NOT_FOUND", "'acme/zoo/nothing:v0' not found")]
    public async Task a_bad_export_request_is_refused_with_a_status_and_a_message_naming_the_problem(string query, int status, string code, string message)
    {
        using var response = await _admin.Http.GetAsync("/lineage/export?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_http_export_asks_for_a_key_takes_only_get_and_shows_nothing_a_caller_may_not_see()
    {
        using var anonymous = _app.GraphQL(null).Http;
        using var noKey = await anonymous.GetAsync("/lineage/export?start=acme/zoo/zoo-ylbchv20:v0&format=dot", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("Bearer", noKey.Headers.WwwAuthenticate.ToString());

        using var post = await _admin.Http.PostAsync("/lineage/export?start=acme/zoo/zoo-ylbchv20:v0&format=dot", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);

        // bo holds no role in acme: its versions are as missing to bo as ones that do not exist.
        var bo = await _app.UserAsync("bo");
        using var hidden = await bo.Http.GetAsync("/lineage/export?start=acme/zoo/zoo-ylbchv20:v0&format=dot", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task an_export_larger_than_an_answer_may_be_is_refused_whole()
    {
        await using var small = new LineageApp { Limits = limits => limits.MaxResponseBytes = 1024 };
        var admin = small.GraphQL();
        await ZooExample.SeedAsync(admin);
        using var response = await admin.Http.GetAsync("/lineage/export?start=acme/zoo/zoo-eval-results:v0&direction=upstream&depth=10&format=graphml", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors")[0];
        Assert.Equal("LIMIT_EXCEEDED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("maxResponseBytes", error.GetProperty("message").GetString()!, StringComparison.Ordinal);

        // A smaller view of the same lineage fits.
        using var fits = await admin.Http.GetAsync("/lineage/export?start=acme/zoo/zoo-eval-results:v0&direction=upstream&depth=1&format=mermaid", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [GeneratedRegex("""^  "([^"]+)" \[label="([^"]+)", shape=(box|ellipse)""", RegexOptions.Multiline)]
    private static partial Regex DotNode();

    [GeneratedRegex("""^  "([^"]+)" -> "([^"]+)" \[label=(used|logged)\];$""", RegexOptions.Multiline)]
    private static partial Regex DotEdge();

    [GeneratedRegex("""^  (n\d+)\["([^"]+)"\]$""", RegexOptions.Multiline)]
    private static partial Regex MermaidRun();

    [GeneratedRegex("""^  (n\d+)\(\("([^"]+)"\)\)$""", RegexOptions.Multiline)]
    private static partial Regex MermaidVersion();

    [GeneratedRegex("""^  (n\d+) --> (n\d+)$""", RegexOptions.Multiline)]
    private static partial Regex MermaidEdge();
}
