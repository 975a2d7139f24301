using GraphQL.Types;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class ArtifactFileType : ObjectGraphType<VersionFile>
{
    public ArtifactFileType()
    {
        Name = "ArtifactFile";
        Description = "One entry of an artifact version's file manifest.";
        Field<NonNullGraphType<StringGraphType>>("path").Reads(s => s.Path);
        Field<NonNullGraphType<StringGraphType>>("digest").Reads(s => s.Digest);
        Field<NonNullGraphType<LongGraphType>>("size").Reads(s => s.Size);
    }
}
