using GraphQL.Types;
using Lineage.Lineage;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Questions;

internal sealed class ImpactedVersionType : ObjectGraphType<ImpactedLink>
{
    public ImpactedVersionType()
    {
        Name = "ImpactedVersion";
        Description = "A registry's linked version made from something downstream of the impact's start.";
        Field<NonNullGraphType<ArtifactVersionType>>("version")
            .Description("The linked version, e.g. acme/models/zoo-classifier:v0: its aliases and collection say what it is used as.")
            .Resolve(c => c.Lineage().Loaders.Links.LoadOrFound(c.Source.LinkId));
        Field<NonNullGraphType<LineageNodeType>>("source").Description("The project version it links, downstream of the start.").Reads(s => s.Source);
        Field<NonNullGraphType<IntGraphType>>("hops").Description("The source's distance from the start, in edges.").Reads(s => s.Source.Hops);
    }
}
