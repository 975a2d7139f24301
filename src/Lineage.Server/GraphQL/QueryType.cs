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
            .WalkArguments()
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var query = await LineageArguments.ReadAsync(c, lineage, c.CancellationToken).ConfigureAwait(false);
                return await lineage.Store.GetLineageAsync(query, lineage.Access, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<StringGraphType>>("lineageExport")
            .Description("The answer lineage gives for the same arguments, as text to paste into documents, open in graph tools or send to another catalog: nodes named by their paths, edges the way data flows.")
            .WalkArguments()
            .Argument<NonNullGraphType<LineageExportFormatType>>("format", "MERMAID, DOT, GRAPHML or OPENLINEAGE.")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var query = await LineageArguments.ReadAsync(c, lineage, c.CancellationToken).ConfigureAwait(false);
                var graph = await lineage.Store.GetLineageAsync(query, lineage.Access, c.CancellationToken).ConfigureAwait(false);
                var now = c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return LineageExport.Write(graph, c.GetArgument<LineageExportFormat>("format"), now);
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
