using GraphQL.Types;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class SearchHitType : ObjectGraphType<SearchHit>
{
    public SearchHitType()
    {
        Name = "SearchHit";
        Description = "A run, artifact or collection whose name holds the searched text.";
        Field<NonNullGraphType<SearchHitKindType>>("kind").Reads(s => s.Kind);
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name).Description("The short name: rural-feather-20, split_zoo_dataset, zoo-classifier.");
        Field<NonNullGraphType<StringGraphType>>("path").Reads(s => s.Path).Description("The full path, e.g. acme/zoo/split_zoo_dataset; an artifact's path opens its latest version.");
        Field<StringGraphType>("type").Reads(s => s.Type).Description("The run's job type, or the artifact's or collection's type.");
    }
}
