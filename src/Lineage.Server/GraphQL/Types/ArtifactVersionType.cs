using GraphQL.Types;
using Lineage.Application;
using Lineage.Model;
using Lineage.Registry;
using Lineage.Server.GraphQL.Loading;
using Lineage.Server.GraphQL.Registry;
using Lineage.Server.GraphQL.Scalars;

namespace Lineage.Server.GraphQL.Types;

internal sealed class ArtifactVersionType : ObjectGraphType<VersionRecord>
{
    /// <summary>The id kind of a linked version rebuilt from history and unlinked since: it names the event that linked it, and fetches nothing.</summary>
    public const string UnlinkedKind = "unlinked";

    public ArtifactVersionType()
    {
        Name = "ArtifactVersion";
        Interface<NodeInterface>();
        IsTypeOf = o => o is VersionRecord;
        Description = "An immutable version of an artifact, or a linked version in a registry's collection, which shares its source's content and lineage.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Link switch
        {
            { PastEventId: { } linkedBy } => c.Lineage().Ids.Id(UnlinkedKind, linkedBy),
            { } link => c.Lineage().Ids.Of(NodeType.Link, link.Id),
            null => c.Lineage().Ids.Of(NodeType.Version, c.Source.Id),
        });
        Field<NonNullGraphType<StringGraphType>>("name").Description("artifact:version, e.g. split_zoo_dataset:v4, or collection:version for a linked version").Reads(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("qualifiedName").Description("namespace/project/artifact:version, or namespace/registry/collection:version").Reads(s => s.QualifiedName);
        Field<NonNullGraphType<StringGraphType>>("type").Reads(s => s.Type);
        Field<NonNullGraphType<StringGraphType>>("version").Description("v0, v1, ...").Reads(s => s.Version);
        Field<NonNullGraphType<IntGraphType>>("versionIndex").Reads(s => s.VersionIndex).Description("0, 1, ...; for a linked version, its index in the collection.");
        Field<NonNullGraphType<StringGraphType>>("digest").Reads(s => s.Digest);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("aliases")
            .Description("Aliases held by this version, with 'latest' on the newest; with asOf, those it held then, rebuilt from its artifact's or collection's history (which needs the VIEWER role).")
            .Argument<DateTimeGraphType>("asOf", PastVersions.AsOfDescription)
            .Resolve(c => PastVersions.AsOf(c) is { } asOf ? PastVersions.Aliases(c, c.Source, asOf) : c.Source.Aliases);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When it was logged, or linked.").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy).Description("Who logged it, or linked it.");
        Field<JsonGraphType>("metadata").Reads(s => s.MetadataJson);
        Field<StringGraphType>("description").Reads(s => s.Description).Description("What the version holds, in its author's words; a linked version shows its source's.");
        Field<LongGraphType>("size").Description("Size in bytes, when known.").Reads(s => s.Size);
        Field<ArtifactType>("artifact")
            .Description("The project artifact this version belongs to; null for a linked version (see collection).")
            .Resolve(c => c.Source.Link is null ? c.Lineage().Loaders.Artifacts.LoadOrFound(c.Source.ArtifactId) : null);
        Field<CollectionType>("collection")
            .Description("The collection a linked version belongs to; null for a project version.")
            .Resolve(c => c.Source.Link is { } link ? c.Lineage().Loaders.Collections.LoadOrFound(link.CollectionId) : null);
        Field<ArtifactVersionType>("source")
            .Description("The project version a linked version points at; null for a project version, and when its project is hidden from you.")
            .Resolve(c => c.Source.Link is { } link && c.Lineage().Access.CanSeeNamespace(link.SourceNamespaceId)
                ? c.Lineage().Loaders.Versions.LoadOrFound(c.Source.Id)
                : null);
        Field<NonNullGraphType<ArtifactVersionConnectionType>>("collections")
            .Description("The linked versions made from this version, in registries you can see, oldest link first; empty for a linked version.")
            .Paged()
            .Resolve(c => c.Source.Link is not null
                ? Loading.Connection<VersionRecord>.Empty
                : c.Lineage().Loaders.LinkPage(Relation.VersionLinks, c.Source.Id, Args.Page(c)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags")
            .Resolve(c => c.Lineage().Loaders.Tags.Load(c.Source.Link is { } link ? (TagTarget.Link, link.Id) : (TagTarget.Version, c.Source.Id)));
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
            .Description("The run that first logged this version (its source's, for a linked version); null when that run is hidden from you.")
            .Resolve(c => c.Source.Link is { } link && !c.Lineage().Access.CanSeeNamespace(link.SourceNamespaceId)
                ? null
                : c.Lineage().Loaders.Runs.LoadOrFound(c.Source.LoggedByRunId));
        Field<NonNullGraphType<RunConnectionType>>("loggers")
            .Description("Every run that logged this content (that you may see), first logger first.")
            .Paged()
            .Resolve(c => c.Lineage().Loaders.RunPage(Relation.Loggers, c.Source.Id, Args.Page(c)));
        Field<NonNullGraphType<RunConnectionType>>("usedBy")
            .Description("The runs that used this version, in the order they used it.")
            .Paged()
            .Resolve(c => c.Lineage().Loaders.RunPage(Relation.UsedBy, c.Source.Id, Args.Page(c)));
    }
}
