using GraphQL.Types;
using Lineage.Model;
using Lineage.Server.GraphQL.Loading;
using Lineage.Server.GraphQL.Scalars;

namespace Lineage.Server.GraphQL.Types;

internal sealed class ArtifactVersionType : ObjectGraphType<VersionRecord>
{
    public ArtifactVersionType()
    {
        Name = "ArtifactVersion";
        Description = "An immutable version of an artifact.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => $"version:{c.Source.Id}");
        Field<NonNullGraphType<StringGraphType>>("name").Description("artifact:version, e.g. split_zoo_dataset:v4").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("qualifiedName").Description("namespace/project/artifact:version").Resolve(c => c.Source.QualifiedName);
        Field<NonNullGraphType<StringGraphType>>("type").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<StringGraphType>>("version").Description("v0, v1, ...").Resolve(c => c.Source.Version);
        Field(v => v.VersionIndex);
        Field(v => v.Digest);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("aliases")
            .Description("Aliases held by this version, with 'latest' on the newest.")
            .Resolve(c => c.Source.Aliases);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt.UtcDateTime);
        Field(v => v.CreatedBy);
        Field<JsonGraphType>("metadata").Resolve(c => c.Source.MetadataJson);
        Field<LongGraphType>("size").Description("Size in bytes, when known.").Resolve(c => c.Source.Size);
        Field<NonNullGraphType<ArtifactType>>("artifact").Resolve(c => c.Lineage().Loaders.Artifacts.Load(c.Source.ArtifactId));
        Field<NonNullGraphType<ArtifactFileConnectionType>>("files")
            .Description("The version's file manifest, in the order it was logged.")
            .Paged()
            .ResolveAsync(async c =>
            {
                var page = Args.Page(c);
                var lineage = c.Lineage();
                var files = await lineage.Store.GetFilesAsync(c.Source.Id, page, c.CancellationToken).ConfigureAwait(false);
                var id = c.Source.Id;
                return new Connection<VersionFile>(files.Items, files.HasNextPage, page.AfterKey > 0, () => lineage.Loaders.Counts.Load((Relation.VersionFiles, id)));
            });
        Field<RunType>("loggedBy")
            .Description("The run that first logged this version.")
            .Resolve(c => c.Lineage().Loaders.Runs.Load(c.Source.LoggedByRunId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RunType>>>>("loggers")
            .Description("Every run that logged this content, first logger first.")
            .Resolve(c => c.Lineage().Loaders.Pages
                .Load(new PageKey(Relation.Loggers, c.Source.Id, new PageRequest(int.MaxValue - 1)))
                .Then(page => c.Lineage().Loaders.Runs.LoadMany(page!.Items.Select(i => i.Value))));
        Field<NonNullGraphType<RunConnectionType>>("usedBy")
            .Description("The runs that used this version, in the order they used it.")
            .Paged()
            .Resolve(c => c.Lineage().Loaders.RunPage(Relation.UsedBy, c.Source.Id, Args.Page(c)));
    }
}
