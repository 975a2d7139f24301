using GraphQL;
using GraphQL.Types;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Server.GraphQL.Inputs;
using Lineage.Server.GraphQL.Registry;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL;

internal sealed partial class MutationType
{
    private void AddRegistryFields()
    {
        Field<NonNullGraphType<CollectionType>>("createCollection")
            .Description("Creates a collection in a registry. Registry MEMBERs and ADMINs.")
            .Argument<NonNullGraphType<CreateCollectionInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateCollectionInputType.Value>("input");
                var lineage = c.Lineage();
                var command = new CreateCollectionCommand(ProjectPath.Parse(input.Registry, "registry"), input.Name, input.Type, input.Description);
                return await lineage.Registries.CreateCollectionAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("linkArtifact")
            .Description("Links a version into a collection as its next version (v0, v1, ...) with the given aliases, and returns the linked version. A version already linked there keeps its index and gains the aliases.")
            .Argument<NonNullGraphType<LinkArtifactInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<LinkArtifactInputType.Value>("input");
                var lineage = c.Lineage();
                var command = new LinkArtifactCommand(
                    VersionRef.Parse(input.Artifact, "artifact"),
                    CollectionPath.Parse(input.Collection, "collection"),
                    input.Aliases ?? []);
                return await lineage.Registries.LinkArtifactAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<BooleanGraphType>>("unlinkArtifact")
            .Description("Removes a linked version from its collection, with the aliases it held. A version holding a protected alias can be unlinked by registry ADMINs only.")
            .Argument<NonNullGraphType<UnlinkArtifactInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UnlinkArtifactInputType.Value>("input");
                var lineage = c.Lineage();
                return await lineage.Registries.UnlinkArtifactAsync(VersionRef.Parse(input.Artifact, "artifact"), lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<TaggedTargetType>>("addTags")
            .Description("Tags a collection or a version, recording each new tag in its history; returns the target with its tags.")
            .Argument<NonNullGraphType<TagsInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<TagsInputType.Value>("input");
                var lineage = c.Lineage();
                var tags = await lineage.Registries.AddTagsAsync(new TagsCommand(input.Target, input.Tags), lineage.Actor, c.CancellationToken).ConfigureAwait(false);
                return new TaggedTarget(input.Target, tags);
            });

        Field<NonNullGraphType<TaggedTargetType>>("removeTags")
            .Description("Removes tags from a collection or a version, recording each in its history; returns the target with its tags.")
            .Argument<NonNullGraphType<TagsInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<TagsInputType.Value>("input");
                var lineage = c.Lineage();
                var tags = await lineage.Registries.RemoveTagsAsync(new TagsCommand(input.Target, input.Tags), lineage.Actor, c.CancellationToken).ConfigureAwait(false);
                return new TaggedTarget(input.Target, tags);
            });
    }
}
