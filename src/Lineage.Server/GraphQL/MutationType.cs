using GraphQL;
using GraphQL.Types;
using Lineage.Server.GraphQL.Inputs;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL;

internal sealed partial class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";

        Field<NonNullGraphType<RunType>>("createRun")
            .Description("Creates a run; its project is created on first use.")
            .Argument<NonNullGraphType<CreateRunInputType>>("input")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var command = c.GetArgument<CreateRunInputType.Value>("input").Command(lineage.Limits);
                return await c.Writes().CreateRunAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<RunType>>("finishRun")
            .Description("Ends a running run as FINISHED (the default), FAILED or CRASHED.")
            .Argument<NonNullGraphType<FinishRunInputType>>("input")
            .ResolveAsync(async c =>
            {
                var command = c.GetArgument<FinishRunInputType.Value>("input").Command();
                return await c.Writes().FinishRunAsync(command, c.Lineage().Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("logArtifact")
            .Description("Logs an artifact version produced by a run. Content whose digest matches an existing version records the run as one more logger of it.")
            .Argument<NonNullGraphType<LogArtifactInputType>>("input")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var command = c.GetArgument<LogArtifactInputType.Value>("input").Command(lineage.Limits);
                return await c.Writes().LogArtifactAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("useArtifact")
            .Description("Records that a run used an artifact version as input. Refused with CYCLE_DETECTED if the version is downstream of the run.")
            .Argument<NonNullGraphType<UseArtifactInputType>>("input")
            .ResolveAsync(async c =>
            {
                var command = c.GetArgument<UseArtifactInputType.Value>("input").Command();
                return await c.Writes().UseArtifactAsync(command, c.Lineage().Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("addAlias")
            .Description("Gives an alias to a version, taking it from whichever version of the artifact or collection held it.")
            .Argument<NonNullGraphType<AliasInputType>>("input")
            .ResolveAsync(async c =>
            {
                var command = c.GetArgument<AliasInputType.Value>("input").Command();
                return await c.Writes().AddAliasAsync(command, c.Lineage().Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("removeAlias")
            .Description("Removes an alias from the version holding it.")
            .Argument<NonNullGraphType<AliasInputType>>("input")
            .ResolveAsync(async c =>
            {
                var command = c.GetArgument<AliasInputType.Value>("input").Command();
                return await c.Writes().RemoveAliasAsync(command, c.Lineage().Actor, c.CancellationToken).ConfigureAwait(false);
            });

        AddIdentityFields();
        AddRegistryFields();
    }
}
