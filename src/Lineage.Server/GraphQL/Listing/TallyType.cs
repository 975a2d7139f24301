using GraphQL.Types;
using Lineage.Listing;

namespace Lineage.Server.GraphQL.Listing;

internal sealed class TallyType : ObjectGraphType<Tally>
{
    public TallyType()
    {
        Name = "Tally";
        Description = "How many of a project's runs or artifacts share a value: a job type, an artifact type or a run state.";
        Field<StringGraphType>("value").Description("The job type, artifact type or state; null for runs without a job type.").Reads(s => s.Value);
        Field<NonNullGraphType<IntGraphType>>("count").Reads(s => s.Count);
    }
}
