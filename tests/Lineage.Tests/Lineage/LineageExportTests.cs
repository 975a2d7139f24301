using System.Xml.Linq;
using Lineage.Lineage;

namespace Lineage.Tests.Lineage;

/// <summary>Text that would end a quoted label or an attribute is escaped in each format.</summary>
public sealed class LineageExportTests
{
    private static readonly LineageGraph Graph = new(
        [
            new LineageNode(NodeRef.Run(1), 0, "say \"hi\" \\ <b>", "job & co", "acme/zoo"),
            new LineageNode(NodeRef.Version(2), 1, "data:v0", "dataset", "acme/zoo"),
        ],
        [LineageEdge.Between(NodeRef.Run(1), NodeRef.Version(2))],
        false);

    [Fact]
    public void dot_escapes_quotes_and_backslashes()
    {
        var dot = LineageExport.Write(Graph, LineageExportFormat.Dot);
        Assert.Contains("\"acme/zoo/say \\\"hi\\\" \\\\ <b>\" [label=\"say \\\"hi\\\" \\\\ <b>\", shape=box, tooltip=\"job & co\"];", dot, StringComparison.Ordinal);
        Assert.Contains("\"acme/zoo/say \\\"hi\\\" \\\\ <b>\" -> \"acme/zoo/data:v0\" [label=logged];", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void mermaid_writes_quotes_as_its_entity()
    {
        var mermaid = LineageExport.Write(Graph, LineageExportFormat.Mermaid);
        Assert.Equal("flowchart LR\n  n0[\"say #quot;hi#quot; \\ <b>\"]\n  n1((\"data:v0\"))\n  n0 --> n1\n", mermaid);
    }

    [Fact]
    public void a_cut_answer_says_so_in_each_format()
    {
        var cut = Graph with { Truncated = true };
        Assert.Contains("\n  %% truncated:", LineageExport.Write(cut, LineageExportFormat.Mermaid), StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", LineageExport.Write(Graph, LineageExportFormat.Mermaid), StringComparison.Ordinal);
        Assert.Contains("\n  // truncated:", LineageExport.Write(cut, LineageExportFormat.Dot), StringComparison.Ordinal);
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        string Flag(LineageGraph g) => XDocument.Parse(LineageExport.Write(g, LineageExportFormat.GraphML)).Descendants(ns + "graph").Single()
            .Elements(ns + "data").Single(d => (string)d.Attribute("key")! == "truncated").Value;
        Assert.Equal("true", Flag(cut));
        Assert.Equal("false", Flag(Graph));
    }

    [Fact]
    public void graphml_reads_back_every_name_exactly()
    {
        var xml = XDocument.Parse(LineageExport.Write(Graph, LineageExportFormat.GraphML));
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var names = xml.Descendants(ns + "data").Where(d => (string)d.Attribute("key")! == "name").Select(d => d.Value).ToList();
        Assert.Equal(["say \"hi\" \\ <b>", "data:v0"], names);
        Assert.Equal("job & co", xml.Descendants(ns + "data").First(d => (string)d.Attribute("key")! == "type").Value);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", LineageExport.Write(Graph, LineageExportFormat.GraphML), StringComparison.Ordinal);
    }
}
