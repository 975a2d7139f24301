using GraphQL.Types;
using Lineage.Lineage;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Questions;

internal sealed class ImpactType : ObjectGraphType<Impact>
{
    public ImpactType()
    {
        Name = "Impact";
        Description = "What a run or version reached downstream: the registry versions made from it, and the runs and versions in between.";
        Field<NonNullGraphType<LineageNodeType>>("start").Reads(s => s.Start);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImpactedVersionType>>>>("registryVersions")
            .Description("Every linked version, in registries you can see, whose source is downstream of the start (or is the start), nearest first.")
            .Reads(s => s.Links);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeType>>>>("runs")
            .Description("The runs on the paths from the start to those sources, nearest first.")
            .Reads(s => s.Runs);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeType>>>>("versions")
            .Description("The project versions on those paths, the sources included, nearest first.")
            .Reads(s => s.Versions);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description("True when the depth or the node budget of the walk, or the most links one version lists (1000), left something out.")
            .Reads(s => s.Truncated);
    }
}
