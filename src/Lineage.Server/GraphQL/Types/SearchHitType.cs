using GraphQL.Types;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class SearchHitType : ObjectGraphType<SearchHit>
{
    public SearchHitType()
    {
        Name = "SearchHit";
        Description = "A run, artifact or collection whose name holds the searched text.";
        Field<NonNullGraphType<SearchHitKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name).Description("The short name: rural-feather-20, split_zoo_dataset, zoo-classifier.");
        Field<NonNullGraphType<StringGraphType>>("path").Resolve(c => c.Source.Path).Description("The full path, e.g. acme/zoo/split_zoo_dataset; an artifact's path opens its latest version.");
        Field<StringGraphType>("type").Resolve(c => c.Source.Type).Description("The run's job type, or the artifact's or collection's type.");
    }
}
