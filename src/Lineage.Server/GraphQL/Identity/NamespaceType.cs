using GraphQL.Types;
using Lineage.Application;
using Lineage.Identity;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Server.GraphQL.Listing;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class NamespaceType : ObjectGraphType<NamespaceRecord>
{
    public NamespaceType()
    {
        Name = "Namespace";
        Interface<NodeInterface>();
        IsTypeOf = o => o is NamespaceRecord;
        Description = "A user, team or organization: owns projects and registries.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Of(NodeType.Namespace, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        Field<NonNullGraphType<NamespaceKindType>>("kind").Reads(s => s.Kind);
        Field<StringGraphType>("organization").Description("The organization a team belongs to.").Reads(s => s.Organization);
        Field<NonNullGraphType<RoleType>>("viewerRole")
            .Description("The caller's effective role here: the highest granted directly, through a team or through the organization.")
            .Resolve(c => c.Lineage().Access.NamespaceRole(c.Source.Id));
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy);
        Field<NonNullGraphType<MembershipConnectionType>>("members")
            .Description("Roles granted here, oldest first.")
            .Paged()
            .ResolveAsync(async c => await Members.PageAsync(c, c.Source.Name).ConfigureAwait(false));
        Field<NonNullGraphType<ProjectConnectionType>>("projects")
            .Description("The namespace's projects that the filter keeps, oldest first unless ordered otherwise.")
            .Filtered<NamespaceRecord, object, ProjectFilterInputType, ProjectOrderInputType>()
            .Resolve(c => Lists.Resolve(c, ListKind.NamespaceProjects, c.Source.Id, page => c.Lineage().Loaders.ProjectPage(Relation.NamespaceProjects, c.Source.Id, page)));
        Field<NonNullGraphType<RegistryConnectionType>>("registries")
            .Description("The namespace's registries that the caller may see, oldest first.")
            .Paged()
            .Resolve(c => c.Lineage().Loaders.RegistryPage(Relation.NamespaceRegistries, c.Source.Id, Args.Page(c)));
    }
}
