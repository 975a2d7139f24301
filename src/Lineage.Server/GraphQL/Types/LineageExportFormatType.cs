using GraphQL.Types;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Types;

internal sealed class LineageExportFormatType : EnumerationGraphType
{
    public LineageExportFormatType()
    {
        Name = "LineageExportFormat";
        Description = "A text format for a lineage answer.";
        Add("MERMAID", LineageExportFormat.Mermaid, "A Mermaid flowchart (flowchart LR), to paste into Markdown.");
        Add("DOT", LineageExportFormat.Dot, "A Graphviz digraph, for dot.");
        Add("GRAPHML", LineageExportFormat.GraphML, "GraphML, for Gephi, yEd or NetworkX.");
        Add("OPENLINEAGE", LineageExportFormat.OpenLineage, "OpenLineage 2-0-2 run events (a JSON array, one event per run), for catalogs that take OpenLineage.");
    }
}
