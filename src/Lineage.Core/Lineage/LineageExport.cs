using System.Globalization;
using System.Text;
using System.Xml;

namespace Lineage.Lineage;

/// <summary>The text formats a lineage answer can be written in.</summary>
public enum LineageExportFormat
{
    /// <summary>A Mermaid flowchart, left to right, for Markdown documents.</summary>
    Mermaid,

    /// <summary>A Graphviz digraph, for <c>dot</c> and the tools that read it.</summary>
    Dot,

    /// <summary>GraphML, for Gephi, yEd, NetworkX and other graph tools.</summary>
    GraphML,

    /// <summary>OpenLineage 2-0-2 run events, a JSON array of one per run, for catalogs that take OpenLineage.</summary>
    OpenLineage,
}

/// <summary>
/// Writes a lineage answer as text. Nodes are named by their full paths (never by internal
/// ids); runs are boxes and versions are round, as on the web page; edges point the way the
/// data flows. An answer the depth or the budget cut says so: in a comment of Mermaid and DOT,
/// in the graph's <c>truncated</c> data in GraphML.
/// </summary>
public static class LineageExport
{
    private const string TruncatedNote = "truncated: the depth or the node budget left out nodes or edges";

    /// <summary>The schema OpenLineage run events are written to.</summary>
    public const string RunEventSchema = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    /// <summary>The schema of the facet that carries a dataset's version.</summary>
    public const string VersionFacetSchema = "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";

    /// <summary>Who produced the events, as OpenLineage asks every event and facet to say.</summary>
    public const string Producer = "urn:lineage:export";

    /// <summary>The answer as text; <paramref name="at"/> is the time OpenLineage events are stamped with, the time of the export.</summary>
    public static string Write(LineageGraph graph, LineageExportFormat format, DateTimeOffset at = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return format switch
        {
            LineageExportFormat.OpenLineage => OpenLineage(graph, at),
            LineageExportFormat.Mermaid => Mermaid(graph),
            LineageExportFormat.Dot => Dot(graph),
            LineageExportFormat.GraphML => GraphML(graph),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no such export format"),
        };
    }

    /// <summary>The answer's edges as pairs of node indexes; an edge to a node not in the answer is left out.</summary>
    private static IEnumerable<(int From, int To, EdgeKind Kind)> IndexedEdges(LineageGraph graph)
    {
        var index = new Dictionary<NodeRef, int>(graph.Nodes.Count);
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            index[graph.Nodes[i].Node] = i;
        }

        foreach (var edge in graph.Edges)
        {
            if (index.TryGetValue(edge.From, out var from) && index.TryGetValue(edge.To, out var to))
            {
                yield return (from, to, edge.Kind);
            }
        }
    }

    /// <summary>
    /// One run event per run of the answer, of type OTHER (metadata sent after the fact), stamped
    /// with the time of the export: the job is the run's project and name, its runId a UUID made
    /// from its path (the same in every export), its inputs the versions it used and its outputs
    /// the versions it logged, within the answer. A dataset is the artifact's project and name;
    /// the version is in its version facet.
    /// </summary>
    private static string OpenLineage(LineageGraph graph, DateTimeOffset at)
    {
        var inputs = new Dictionary<int, List<int>>();
        var outputs = new Dictionary<int, List<int>>();
        foreach (var (from, to, kind) in IndexedEdges(graph))
        {
            var (run, version, side) = kind == EdgeKind.Used ? (to, from, inputs) : (from, to, outputs);
            if (!side.TryGetValue(run, out var list))
            {
                side[run] = list = [];
            }

            list.Add(version);
        }

        using var bytes = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(bytes, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            void Datasets(string name, List<int>? versions)
            {
                json.WriteStartArray(name);
                foreach (var v in versions ?? [])
                {
                    var node = graph.Nodes[v];
                    var colon = node.Name.LastIndexOf(':');
                    json.WriteStartObject();
                    json.WriteString("namespace", node.ProjectPath);
                    json.WriteString("name", colon < 0 ? node.Name : node.Name[..colon]);
                    json.WriteStartObject("facets");
                    json.WriteStartObject("version");
                    json.WriteString("_producer", Producer);
                    json.WriteString("_schemaURL", VersionFacetSchema);
                    json.WriteString("datasetVersion", colon < 0 ? node.Name : node.Name[(colon + 1)..]);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteStartArray();
            for (var i = 0; i < graph.Nodes.Count; i++)
            {
                var node = graph.Nodes[i];
                if (node.Node.Kind != NodeKind.Run)
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("eventType", "OTHER");
                json.WriteString("eventTime", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                json.WriteStartObject("run");
                json.WriteString("runId", RunId(node.Path));
                json.WriteEndObject();
                json.WriteStartObject("job");
                json.WriteString("namespace", node.ProjectPath);
                json.WriteString("name", node.Name);
                json.WriteEndObject();
                Datasets("inputs", inputs.GetValueOrDefault(i));
                Datasets("outputs", outputs.GetValueOrDefault(i));
                json.WriteString("producer", Producer);
                json.WriteString("schemaURL", RunEventSchema);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(bytes.ToArray()) + "\n";
    }

    /// <summary>A UUID (version 8, RFC 9562) made from a run's path: the same run gets the same id in every export.</summary>
    public static string RunId(string runPath)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("lineage run " + runPath));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static string Mermaid(LineageGraph graph)
    {
        // Mermaid has no escape inside a quoted label but its entity codes.
        static string Label(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);

        var text = new StringBuilder("flowchart LR\n");
        if (graph.Truncated)
        {
            text.Append("  %% ").Append(TruncatedNote).Append('\n');
        }

        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            var label = Label(node.Name);
            if (node.Node.Kind == NodeKind.Run)
            {
                text.Append(CultureInfo.InvariantCulture, $"  n{i}[\"{label}\"]\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"  n{i}((\"{label}\"))\n");
            }
        }

        foreach (var (from, to, _) in IndexedEdges(graph))
        {
            text.Append(CultureInfo.InvariantCulture, $"  n{from} --> n{to}\n");
        }

        return text.ToString();
    }

    private static string Dot(LineageGraph graph)
    {
        static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        var text = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
        if (graph.Truncated)
        {
            text.Append("  // ").Append(TruncatedNote).Append('\n');
        }

        foreach (var node in graph.Nodes)
        {
            var shape = node.Node.Kind == NodeKind.Run ? "box" : "ellipse";
            text.Append(CultureInfo.InvariantCulture, $"  {Quoted(node.Path)} [label={Quoted(node.Name)}, shape={shape}");
            if (node.Type is { } type)
            {
                text.Append(CultureInfo.InvariantCulture, $", tooltip={Quoted(type)}");
            }

            text.Append("];\n");
        }

        foreach (var (from, to, kind) in IndexedEdges(graph))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {Quoted(graph.Nodes[from].Path)} -> {Quoted(graph.Nodes[to].Path)} [label={EdgeKinds.Of(kind).Name}];\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string GraphML(LineageGraph graph)
    {
        // Written as UTF-8 bytes, so that the declaration names the encoding the text is sent in.
        using var bytes = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var xml = XmlWriter.Create(bytes, settings))
        {
            const string ns = "http://graphml.graphdrawing.org/xmlns";
            xml.WriteStartElement("graphml", ns);
            void Key(string id, string forWhat, string name, string type)
            {
                xml.WriteStartElement("key", ns);
                xml.WriteAttributeString("id", id);
                xml.WriteAttributeString("for", forWhat);
                xml.WriteAttributeString("attr.name", name);
                xml.WriteAttributeString("attr.type", type);
                xml.WriteEndElement();
            }

            void Data(string key, string value)
            {
                xml.WriteStartElement("data", ns);
                xml.WriteAttributeString("key", key);
                xml.WriteString(value);
                xml.WriteEndElement();
            }

            Key("kind", "node", "kind", "string");
            Key("name", "node", "name", "string");
            Key("path", "node", "path", "string");
            Key("type", "node", "type", "string");
            Key("hops", "node", "hops", "int");
            Key("edgeKind", "edge", "kind", "string");
            Key("truncated", "graph", "truncated", "boolean");
            xml.WriteStartElement("graph", ns);
            xml.WriteAttributeString("id", "lineage");
            xml.WriteAttributeString("edgedefault", "directed");
            Data("truncated", graph.Truncated ? "true" : "false");
            for (var i = 0; i < graph.Nodes.Count; i++)
            {
                var node = graph.Nodes[i];
                xml.WriteStartElement("node", ns);
                xml.WriteAttributeString("id", "n" + i.ToString(CultureInfo.InvariantCulture));
                Data("kind", node.Node.Kind == NodeKind.Run ? "RUN" : "ARTIFACT");
                Data("name", node.Name);
                Data("path", node.Path);
                if (node.Type is { } type)
                {
                    Data("type", type);
                }

                Data("hops", node.Hops.ToString(CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }

            foreach (var (from, to, kind) in IndexedEdges(graph))
            {
                xml.WriteStartElement("edge", ns);
                xml.WriteAttributeString("source", "n" + from.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("target", "n" + to.ToString(CultureInfo.InvariantCulture));
                Data("edgeKind", EdgeKinds.Of(kind).Name.ToUpperInvariant());
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(bytes.ToArray()) + "\n";
    }
}
