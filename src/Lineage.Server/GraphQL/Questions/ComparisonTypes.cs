using GraphQL.Types;
using Lineage.Lineage;
using Lineage.Server.GraphQL.Scalars;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Questions;

internal sealed class LineageComparisonType : ObjectGraphType<LineageComparison>
{
    public LineageComparisonType()
    {
        Name = "LineageComparison";
        Description = "The upstreams of two versions (or two runs) side by side, and how the configs of the runs that made them differ.";
        Field<NonNullGraphType<LineageNodeType>>("a").Reads(s => s.A);
        Field<NonNullGraphType<LineageNodeType>>("b").Reads(s => s.B);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComparedNodeType>>>>("nodes")
            .Description("Every run and version upstream of either: in both, only in one, or a different version of the same artifact; changes first.")
            .Reads(s => s.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConfigChangeType>>>>("configChanges")
            .Description("The config keys (dotted paths into nested objects) whose values differ between the runs that logged a and b first (or the runs a and b); empty when either run is hidden from you.")
            .Reads(s => s.ConfigChanges);
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Description("True when the depth or the node budget left out part of either upstream.").Reads(s => s.Truncated);
    }
}

internal sealed class ComparedNodeType : ObjectGraphType<ComparedNode>
{
    public ComparedNodeType()
    {
        Name = "ComparedNode";
        Field<NonNullGraphType<ComparisonStatusType>>("status").Reads(s => s.Status);
        Field<LineageNodeType>("a").Description("The node in a's upstream; null when only b has it.").Reads(s => s.A);
        Field<LineageNodeType>("b").Description("The node in b's upstream; null when only a has it.").Reads(s => s.B);
    }
}

internal sealed class ComparisonStatusType : EnumerationGraphType
{
    public ComparisonStatusType()
    {
        Name = "ComparisonStatus";
        Add("BOTH", ComparisonStatus.Both, "The same run or version is upstream of both.");
        Add("ONLY_IN_A", ComparisonStatus.OnlyInA, "Only a's upstream has it.");
        Add("ONLY_IN_B", ComparisonStatus.OnlyInB, "Only b's upstream has it.");
        Add("CHANGED_VERSION", ComparisonStatus.ChangedVersion, "a and b were made from different versions of this artifact.");
    }
}

internal sealed class ConfigChangeType : ObjectGraphType<ConfigChange>
{
    public ConfigChangeType()
    {
        Name = "ConfigChange";
        Field<NonNullGraphType<StringGraphType>>("key").Description("A dotted path, e.g. optimizer.lr.").Reads(s => s.Key);
        Field<JsonGraphType>("a").Description("The value in a's run; null when the key is absent.").Reads(s => s.A);
        Field<JsonGraphType>("b").Description("The value in b's run; null when the key is absent.").Reads(s => s.B);
    }
}
