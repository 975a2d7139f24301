using GraphQL;
using GraphQL.Types;
using Lineage.Lineage;
using Lineage.Names;
using Lineage.Server.GraphQL.Types;
using Lineage.Store;

namespace Lineage.Server.GraphQL;

internal sealed partial class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";

        Field<ProjectType>("project")
            .Description("A project by path, e.g. acme/zoo.")
            .Argument<NonNullGraphType<StringGraphType>>("path")
            .ResolveAsync(async c =>
            {
                var path = ProjectPath.Parse(c.GetArgument<string>("path"));
                return await c.Lineage().Store.RequireProjectAsync(path, c.Lineage().Access, c.CancellationToken).ConfigureAwait(false);
            });

        Field<RunType>("run")
            .Description("A run by path, e.g. acme/zoo/rural-feather-20.")
            .Argument<NonNullGraphType<StringGraphType>>("path")
            .ResolveAsync(async c =>
            {
                var path = RunPath.Parse(c.GetArgument<string>("path"));
                return await c.Lineage().Store.RequireRunAsync(path, c.Lineage().Access, c.CancellationToken).ConfigureAwait(false);
            });

        Field<ArtifactVersionType>("artifact")
            .Description("A version by name: acme/zoo/split_zoo_dataset:v4, :latest or :<alias>; without a version, the latest.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async c =>
            {
                var name = VersionRef.Parse(c.GetArgument<string>("name"));
                return await c.Lineage().Store.RequireVersionAsync(name, c.Lineage().Access, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<LineageGraphType>>("lineage")
            .Description("The lineage graph around a run or an artifact version, up to a depth and a node budget.")
            .Argument<NonNullGraphType<StringGraphType>>("start", "A run path or a version name (names with ':' are versions).")
            .Argument<LineageDirectionType>("direction", "UPSTREAM, DOWNSTREAM or BOTH.", a => a.DefaultValue = LineageDirection.Both)
            .Argument<IntGraphType>("depth", "How many hops to walk, 0 to 100.", a => a.DefaultValue = 3)
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("artifactTypes", "Only versions of these types are returned and walked through.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("jobTypes", "Only runs of these job types are returned and walked through.")
            .Argument<IntGraphType>("maxNodes", "The node budget (1000 when not given, at most 50000); truncated tells whether it cut anything.")
            .Argument<DateTimeGraphType>("asOf", "A past time: only what was recorded by then is walked (not in the future, not before the start began).")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var query = await LineageArguments.ReadAsync(c, lineage, c.CancellationToken).ConfigureAwait(false);
                return await lineage.Store.GetLineageAsync(query, lineage.Access, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<StringGraphType>>("lineageExport")
            .Description("The answer lineage gives for the same arguments, as text to paste into documents or open in graph tools: nodes named by their paths, runs as boxes, versions round, edges the way data flows.")
            .Argument<NonNullGraphType<StringGraphType>>("start", "A run path or a version name (names with ':' are versions).")
            .Argument<NonNullGraphType<LineageExportFormatType>>("format", "MERMAID, DOT or GRAPHML.")
            .Argument<LineageDirectionType>("direction", "UPSTREAM, DOWNSTREAM or BOTH.", a => a.DefaultValue = LineageDirection.Both)
            .Argument<IntGraphType>("depth", "How many hops to walk, 0 to 100.", a => a.DefaultValue = 3)
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("artifactTypes", "Only versions of these types are returned and walked through.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("jobTypes", "Only runs of these job types are returned and walked through.")
            .Argument<IntGraphType>("maxNodes", "The node budget (1000 when not given, at most 50000).")
            .Argument<DateTimeGraphType>("asOf", "A past time: only what was recorded by then is walked.")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var query = await LineageArguments.ReadAsync(c, lineage, c.CancellationToken).ConfigureAwait(false);
                var graph = await lineage.Store.GetLineageAsync(query, lineage.Access, c.CancellationToken).ConfigureAwait(false);
                return LineageExport.Write(graph, c.GetArgument<LineageExportFormat>("format"));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchHitType>>>>("search")
            .Description("Runs, artifacts and collections whose name contains the text, ignoring case, among what the caller may see; names that start with it first.")
            .Argument<NonNullGraphType<StringGraphType>>("text", "Part of a name, 1 to 100 characters.")
            .Argument<IntGraphType>("first", "How many hits to return, 1 to 100.", a => a.DefaultValue = 20)
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                return await lineage.Store.SearchAsync(c.GetArgument<string>("text"), c.GetArgument<int>("first"), lineage.Access, c.CancellationToken).ConfigureAwait(false);
            });

        AddIdentityFields();
        AddNodeFields();
        AddQuestionFields();
        AddRegistryFields();
    }
}
