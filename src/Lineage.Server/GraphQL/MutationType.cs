using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;
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
                var input = c.GetArgument<CreateRunInput>("input");
                var lineage = c.Lineage();
                var project = ProjectPath.Parse(input.Project, "project");
                var command = new CreateRunCommand(
                    new RunPath(project.Namespace, project.Project, NameRules.RequireName(input.Name, "run name")),
                    input.JobType,
                    Args.JsonObject(input.Config, "config", lineage.Limits),
                    input.Description);
                return await c.Writes().CreateRunAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<RunType>>("finishRun")
            .Description("Ends a running run as FINISHED (the default), FAILED or CRASHED.")
            .Argument<NonNullGraphType<FinishRunInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<FinishRunInput>("input");
                var lineage = c.Lineage();
                var command = new FinishRunCommand(RunPath.Parse(input.Run, "run"), input.State);
                return await c.Writes().FinishRunAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("logArtifact")
            .Description("Logs an artifact version produced by a run. Content whose digest matches an existing version records the run as one more logger of it.")
            .Argument<NonNullGraphType<LogArtifactInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<LogArtifactInput>("input");
                var lineage = c.Lineage();
                var command = new LogArtifactCommand(
                    RunPath.Parse(input.Run, "run"),
                    input.Name,
                    input.Type,
                    input.Digest,
                    Args.JsonObject(input.Metadata, "metadata", lineage.Limits),
                    input.Aliases ?? [],
                    input.Size,
                    Files(input.Files, lineage.Limits),
                    input.Description);
                return await c.Writes().LogArtifactAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("useArtifact")
            .Description("Records that a run used an artifact version as input. Refused with CYCLE_DETECTED if the version is downstream of the run.")
            .Argument<NonNullGraphType<UseArtifactInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UseArtifactInput>("input");
                var lineage = c.Lineage();
                var command = new UseArtifactCommand(RunPath.Parse(input.Run, "run"), VersionRef.Parse(input.Artifact, "artifact"));
                return await c.Writes().UseArtifactAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("addAlias")
            .Description("Gives an alias to a version, taking it from whichever version of the artifact or collection held it.")
            .Argument<NonNullGraphType<AliasInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AliasInput>("input");
                var lineage = c.Lineage();
                var command = new AliasCommand(VersionRef.Parse(input.Artifact, "artifact"), input.Alias, ExpectedVersion(input.ExpectedVersion));
                return await c.Writes().AddAliasAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<ArtifactVersionType>>("removeAlias")
            .Description("Removes an alias from the version holding it.")
            .Argument<NonNullGraphType<AliasInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AliasInput>("input");
                var lineage = c.Lineage();
                var command = new AliasCommand(VersionRef.Parse(input.Artifact, "artifact"), input.Alias, ExpectedVersion(input.ExpectedVersion));
                return await c.Writes().RemoveAliasAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        AddIdentityFields();
        AddRegistryFields();
    }

    private static int? ExpectedVersion(string? expected)
    {
        if (expected is null)
        {
            return null;
        }

        if (!NameRules.LooksLikeVersion(expected) || !int.TryParse(expected.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new InvalidArgumentException($"expectedVersion must be a version such as v3, not {NameRules.Quote(expected)}");
        }

        return index;
    }

    private static List<VersionFile>? Files(List<ArtifactFileInput>? files, ApiLimits limits)
    {
        if (files is null)
        {
            return null;
        }

        if (files.Count > limits.MaxManifestFiles)
        {
            throw new LimitExceededException("files", $"a manifest holds at most {limits.MaxManifestFiles} files, not {files.Count} (limit maxManifestFiles)");
        }

        return [.. files.Select(f => new VersionFile(f.Path, f.Digest, f.Size))];
    }
}
