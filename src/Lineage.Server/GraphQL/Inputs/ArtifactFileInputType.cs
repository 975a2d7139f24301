using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class ArtifactFileInputType : InputObjectGraphType<ArtifactFileInputType.Value>
{
    public ArtifactFileInputType()
    {
        Name = "ArtifactFileInput";
        Field<NonNullGraphType<StringGraphType>>("path");
        Field<NonNullGraphType<StringGraphType>>("digest");
        Field<NonNullGraphType<LongGraphType>>("size").Description("Size in bytes.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Path { get; set; } = "";

        public string Digest { get; set; } = "";

        public long Size { get; set; }
    }
}
