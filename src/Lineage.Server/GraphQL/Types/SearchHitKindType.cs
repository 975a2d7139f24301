using GraphQL.Types;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class SearchHitKindType : EnumerationGraphType<SearchHitKind>
{
    public SearchHitKindType()
    {
        Name = "SearchHitKind";
        Description = "What a search hit is: a RUN, a project ARTIFACT or a registry COLLECTION.";
    }
}
