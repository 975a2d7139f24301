using GraphQL.Types;
using Lineage.Application;
using Lineage.Identity;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Server.GraphQL.Listing;
using Lineage.Server.GraphQL.Registry;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class RegistryType : ObjectGraphType<RegistryRecord>
{
    public RegistryType()
    {
        Name = "Registry";
        Interface<NodeInterface>();
        IsTypeOf = o => o is RegistryRecord;
        Description = "A registry of curated collections, owned by a namespace, e.g. acme/models.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Of(NodeType.Registry, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("path").Reads(s => s.Path);
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("owner").Description("The owning namespace.").Reads(s => s.Namespace);
        Field<NonNullGraphType<RegistryVisibilityType>>("visibility").Reads(s => s.Visibility);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("protectedAliases")
            .Description("Aliases only the registry's ADMINs may set, move or remove.")
            .Reads(s => s.ProtectedAliases);
        Field<NonNullGraphType<CollectionConnectionType>>("collections")
            .Description("The registry's collections that the filter keeps, oldest first unless ordered otherwise.")
            .Filtered<RegistryRecord, object, CollectionFilterInputType, CollectionOrderInputType>()
            .Resolve(c => Lists.Resolve(c, ListKind.RegistryCollections, c.Source.Id, page => c.Lineage().Loaders.CollectionPage(Relation.RegistryCollections, c.Source.Id, page)));
        Field<NonNullGraphType<RoleType>>("viewerRole")
            .Description("The caller's effective role in this registry.")
            .Resolve(c => c.Lineage().Access.RegistryRole(c.Source.Id));
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy);
        Field<NonNullGraphType<AuditEventConnectionType>>("history")
            .Description("Changes to the registry itself, newest first: its creation, visibility, protected aliases and role grants. Needs the VIEWER role in the registry.")
            .HistoryArguments()
            .ResolveAsync(async c => await History.PageAsync(c, c.Source.Path).ConfigureAwait(false));
        Field<NonNullGraphType<MembershipConnectionType>>("members")
            .Description("Roles granted on this registry, oldest first; hidden from restricted viewers.")
            .Paged()
            .ResolveAsync(async c => await Members.PageAsync(c, c.Source.Path).ConfigureAwait(false));
    }
}
