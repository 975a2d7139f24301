using GraphQL;
using GraphQL.Types;
using Lineage.Application;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Server.GraphQL.Listing;

namespace Lineage.Server.GraphQL.Types;

internal sealed class ProjectType : ObjectGraphType<ProjectRecord>
{
    public ProjectType()
    {
        Name = "Project";
        Interface<NodeInterface>();
        IsTypeOf = o => o is ProjectRecord;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Of(NodeType.Project, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("path").Description("namespace/project, e.g. acme/zoo").Reads(s => s.Path);
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("namespace").Reads(s => s.Namespace);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy);
        Field<NonNullGraphType<RunConnectionType>>("runs")
            .Description("The project's runs that the filter keeps, oldest first unless ordered otherwise.")
            .Filtered<ProjectRecord, object, RunFilterInputType, RunOrderInputType>()
            .Resolve(c => Lists.Resolve(c, ListKind.ProjectRuns, c.Source.Id, page => c.Lineage().Loaders.RunPage(Relation.ProjectRuns, c.Source.Id, page)));
        Field<NonNullGraphType<ArtifactConnectionType>>("artifacts")
            .Description("The project's artifacts that the filter keeps, oldest first unless ordered otherwise.")
            .Filtered<ProjectRecord, object, ArtifactFilterInputType, ArtifactOrderInputType>()
            .Resolve(c => Lists.Resolve(c, ListKind.ProjectArtifacts, c.Source.Id, page => c.Lineage().Loaders.ArtifactPage(Relation.ProjectArtifacts, c.Source.Id, page)));
        Field<RunType>("run")
            .Description("One of the project's runs, by name; null when it has none of that name.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The run's name, e.g. rural-feather-20.")
            .ResolveAsync(async c => await Lookups.RunAsync(c, c.Source, c.GetArgument<string>("name")).ConfigureAwait(false));
        Field<ArtifactType>("artifact")
            .Description("One of the project's artifacts, by name; null when it has none of that name.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The artifact's name, e.g. split_zoo_dataset.")
            .ResolveAsync(async c => await Lookups.ArtifactAsync(c, c.Source, c.GetArgument<string>("name")).ConfigureAwait(false));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TallyType>>>>("jobTypes")
            .Description("The project's runs counted per job type, the most common first; runs without a job type count under null.")
            .Tallied()
            .ResolveAsync(async c => await Lookups.TallyAsync(c, TallyKind.JobTypes, c.Source).ConfigureAwait(false));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TallyType>>>>("artifactTypes")
            .Description("The project's artifacts counted per type, the most common first.")
            .Tallied()
            .ResolveAsync(async c => await Lookups.TallyAsync(c, TallyKind.ArtifactTypes, c.Source).ConfigureAwait(false));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TallyType>>>>("runStates")
            .Description("The project's runs counted per state (RUNNING, FINISHED, FAILED, CRASHED), the most common first; states no run is in are left out.")
            .Tallied()
            .ResolveAsync(async c => await Lookups.TallyAsync(c, TallyKind.RunStates, c.Source).ConfigureAwait(false));
    }
}
