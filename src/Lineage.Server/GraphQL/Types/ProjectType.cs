using GraphQL.Types;
using Lineage.Application;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class ProjectType : ObjectGraphType<ProjectRecord>
{
    public ProjectType()
    {
        Name = "Project";
        Interface<NodeInterface>();
        IsTypeOf = o => o is ProjectRecord;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Of(NodeType.Project, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("path").Description("namespace/project, e.g. acme/zoo").Resolve(c => c.Source.Path);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("namespace").Resolve(c => c.Source.Namespace);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Resolve(c => c.Source.CreatedBy);
        Field<NonNullGraphType<RunConnectionType>>("runs")
            .Description("The project's runs, oldest first.")
            .Paged()
            .Resolve(c => c.Lineage().Loaders.RunPage(Relation.ProjectRuns, c.Source.Id, Args.Page(c)));
        Field<NonNullGraphType<ArtifactConnectionType>>("artifacts")
            .Description("The project's artifacts, oldest first.")
            .Paged()
            .Resolve(c => c.Lineage().Loaders.ArtifactPage(Relation.ProjectArtifacts, c.Source.Id, Args.Page(c)));
    }
}
