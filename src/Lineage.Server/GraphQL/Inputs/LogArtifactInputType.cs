using GraphQL.Types;
using Lineage.Server.GraphQL.Scalars;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class LogArtifactInputType : InputObjectGraphType<LogArtifactInput>
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
}
