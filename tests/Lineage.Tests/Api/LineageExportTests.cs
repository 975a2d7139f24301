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
