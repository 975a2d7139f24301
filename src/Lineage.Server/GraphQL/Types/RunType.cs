using GraphQL.Types;
using Lineage.Application;
using Lineage.Errors;
using Lineage.Model;
using Lineage.OpenLineage;
using Lineage.Server.GraphQL.Scalars;
using Lineage.Store;

namespace Lineage.Server.GraphQL.Types;

internal sealed class RunType : ObjectGraphType<RunRecord>
{
    public RunType()
    {
        Name = "Run";
        Interface<NodeInterface>();
        IsTypeOf = o => o is RunRecord;
        Description = "One execution (train, eval, ...) that used and logged artifact versions.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Of(NodeType.Run, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("path").Description("namespace/project/run, e.g. acme/zoo/rural-feather-20").Reads(s => s.Path);
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        Field<StringGraphType>("jobType").Reads(s => s.JobType);
        Field<StringGraphType>("description").Reads(s => s.Description).Description("What the run is for, in its author's words.");
        Field<NonNullGraphType<RunStateType>>("state").Reads(s => s.State);
        Field<JsonGraphType>("config").Reads(s => s.ConfigJson);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy);
        Field<DateTimeGraphType>("endedAt")
            .Description("When finishRun ended the run; null while it runs (and for runs ended before end times were kept).")
            .Reads(s => s.EndedAt?.UtcDateTime);
        Field<RunType>("parentRun")
            .Description("The run this one ran inside, as an OpenLineage parent run facet named it (config.openlineage.parent); null for other runs and for a parent the caller cannot see.")
            .ResolveAsync(async c =>
            {
                if (OpenLineageNames.ParentPath(c.Source.ConfigJson) is not { } parent)
                {
                    return null;
                }

                try
                {
                    return await c.Lineage().Store.RequireRunAsync(parent, c.Lineage().Access, c.CancellationToken).ConfigureAwait(false);
                }
                catch (NotFoundException)
                {
                    return null;
                }
            });
        Field<NonNullGraphType<ProjectType>>("project").Resolve(c => c.Lineage().Loaders.Projects.LoadOrFound(c.Source.ProjectId));
        Field<NonNullGraphType<ArtifactVersionConnectionType>>("usedArtifacts")
            .Description("The versions this run used, in the order it used them.")
            .Paged()
            .Resolve(c => c.Lineage().Loaders.VersionPage(Relation.UsedArtifacts, c.Source.Id, Args.Page(c)));
        Field<NonNullGraphType<ArtifactVersionConnectionType>>("loggedArtifacts")
            .Description("The versions this run logged, in the order it logged them.")
            .Paged()
            .Resolve(c => c.Lineage().Loaders.VersionPage(Relation.LoggedArtifacts, c.Source.Id, Args.Page(c)));
    }
}
