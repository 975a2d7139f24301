using GraphQL.Types;
using Lineage.Application;
using Lineage.Model;
using Lineage.Registry;
using Lineage.Server.GraphQL.Identity;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Registry;

internal sealed class CollectionType : ObjectGraphType<CollectionRecord>
{
    public CollectionType()
    {
        Name = "Collection";
        Interface<NodeInterface>();
        IsTypeOf = o => o is CollectionRecord;
        Description = "A named, typed list of linked versions in a registry, e.g. acme/models/zoo-classifier.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Of(NodeType.Collection, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("path").Reads(s => s.Path);
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("type").Reads(s => s.Type);
        Field<StringGraphType>("description").Reads(s => s.Description);
        Field<NonNullGraphType<RegistryType>>("registry").Resolve(c => c.Lineage().Loaders.Registries.LoadOrFound(c.Source.RegistryId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags")
            .Resolve(c => c.Lineage().Loaders.Tags.Load((TagTarget.Collection, c.Source.Id)));
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy);
        Field<NonNullGraphType<ArtifactVersionConnectionType>>("versions")
            .Description("The linked versions, v0 first; unlinked ones are gone, and their indexes are not given again. With asOf, the versions linked then, with their aliases then, rebuilt from the history (which needs the VIEWER role); one unlinked since has an id that fetches nothing.")
            .Paged()
            .Argument<DateTimeGraphType>("asOf", PastVersions.AsOfDescription)
            .ResolveAsync(async c => PastVersions.AsOf(c) is { } asOf
                ? await PastVersions.CollectionAsync(c, c.Source, asOf).ConfigureAwait(false)
                : c.Lineage().Loaders.LinkPage(Relation.CollectionLinks, c.Source.Id, Args.Page(c)));
        Field<NonNullGraphType<AuditEventConnectionType>>("history")
            .Description("Every link, unlink and alias change, newest first. Needs the VIEWER role in the registry.")
            .HistoryArguments()
            .ResolveAsync(async c => await History.PageAsync(c, c.Source).ConfigureAwait(false));
    }
}
