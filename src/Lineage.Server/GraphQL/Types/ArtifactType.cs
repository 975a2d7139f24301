using GraphQL.Types;
using Lineage.Application;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Server.GraphQL.Listing;
using Lineage.Server.GraphQL.Registry;

namespace Lineage.Server.GraphQL.Types;

internal sealed class ArtifactType : ObjectGraphType<ArtifactRecord>
{
    public ArtifactType()
    {
        Name = "Artifact";
        Interface<NodeInterface>();
        IsTypeOf = o => o is ArtifactRecord;
        Description = "A named, typed sequence of versions in a project.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Of(NodeType.Artifact, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("path").Description("namespace/project/artifact").Reads(s => s.Path);
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("type").Reads(s => s.Type);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<ProjectType>>("project").Resolve(c => c.Lineage().Loaders.Projects.LoadOrFound(c.Source.ProjectId));
        Field<NonNullGraphType<ArtifactVersionConnectionType>>("versions")
            .Description("The artifact's versions that the filter keeps, v0 first unless ordered otherwise.")
            .Filtered<ArtifactRecord, object, VersionFilterInputType, VersionOrderInputType>()
            .Resolve(c => Lists.Resolve(c, ListKind.ArtifactVersions, c.Source.Id, page => c.Lineage().Loaders.VersionPage(Relation.ArtifactVersions, c.Source.Id, page)));
        Field<NonNullGraphType<AuditEventConnectionType>>("history")
            .Description("Every new version and alias change, newest first.")
            .HistoryArguments()
            .ResolveAsync(async c => await History.PageAsync(c, c.Source.Path).ConfigureAwait(false));
    }
}
