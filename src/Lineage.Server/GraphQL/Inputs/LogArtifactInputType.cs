using GraphQL.Types;
using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;
using Lineage.Server.GraphQL.Scalars;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class LogArtifactInputType : InputObjectGraphType<LogArtifactInputType.Value>
{
    public LogArtifactInputType()
    {
        Name = "LogArtifactInput";
        Field<NonNullGraphType<StringGraphType>>("run").Description("The logging run's path, namespace/project/run.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The artifact's name in the run's project.");
        Field<NonNullGraphType<StringGraphType>>("type").Description("dataset, model, ...");
        Field<NonNullGraphType<StringGraphType>>("digest").Description("Digest of the content; the same digest is the same version.");
        Field<JsonGraphType>("metadata").Description("A JSON object describing the version.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("aliases").Description("Aliases to give the version, moved from any version holding them.");
        Field<LongGraphType>("size").Description("Size in bytes; the sum of the files' sizes when not given.");
        Field<ListGraphType<NonNullGraphType<ArtifactFileInputType>>>("files").Description("The file manifest.");
        Field<StringGraphType>("description").Description("What the version holds, in your words: at most 4096 characters. Logging content the artifact already holds keeps that version's description, as it keeps its metadata.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Run { get; set; } = "";

        public string Name { get; set; } = "";

        public string Type { get; set; } = "";

        public string Digest { get; set; } = "";

        public object? Metadata { get; set; }

        public List<string>? Aliases { get; set; }

        public long? Size { get; set; }

        public List<ArtifactFileInputType.Value>? Files { get; set; }

        public string? Description { get; set; }

        /// <summary>The version asked for, checked as every command is.</summary>
        internal LogArtifactCommand Command(ApiLimits limits) => new(
            RunPath.Parse(Run, "run"),
            Name,
            Type,
            Digest,
            Args.JsonObject(Metadata, "metadata", limits),
            Aliases ?? [],
            Size,
            Manifest(limits),
            Description);

        private List<VersionFile>? Manifest(ApiLimits limits)
        {
            if (Files is null)
            {
                return null;
            }

            if (Files.Count > limits.MaxManifestFiles)
            {
                throw new LimitExceededException("files", $"a manifest holds at most {limits.MaxManifestFiles} files, not {Files.Count} (limit maxManifestFiles)");
            }

            return [.. Files.Select(f => new VersionFile(f.Path, f.Digest, f.Size))];
        }
    }
}
