using GraphQL.Types;
using Lineage.Errors;
using Lineage.Names;
using Lineage.Server.GraphQL.Types;
using Lineage.Store;

namespace Lineage.Server.GraphQL.Registry;

internal sealed class TaggedTargetType : ObjectGraphType<TaggedTarget>
{
    public TaggedTargetType()
    {
        Name = "TaggedTarget";
        Description = "A collection or version whose tags changed, with its tags afterwards.";
        Field<NonNullGraphType<StringGraphType>>("target").Description("The collection path or version name, as given.").Reads(s => s.Target);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("The target's tags, sorted.").Reads(s => s.Tags);
        Field<CollectionType>("collection")
            .Description("The collection, when the target is one.")
            .ResolveAsync(async c =>
            {
                if (VersionRef.LooksLikeVersionName(c.Source.Target))
                {
                    return null;
                }

                var lineage = c.Lineage();
                var path = CollectionPath.Parse(c.Source.Target, "target");
                return await lineage.Registries.FindCollectionAsync(path, lineage.Access, c.CancellationToken).ConfigureAwait(false) ?? throw Missing.Collection(path);
            });
        Field<ArtifactVersionType>("artifact")
            .Description("The version, when the target is one.")
            .ResolveAsync(async c =>
            {
                if (!VersionRef.LooksLikeVersionName(c.Source.Target))
                {
                    return null;
                }

                var lineage = c.Lineage();
                return await lineage.Store.RequireVersionAsync(VersionRef.Parse(c.Source.Target, "target"), lineage.Access, c.CancellationToken).ConfigureAwait(false);
            });
    }
}
