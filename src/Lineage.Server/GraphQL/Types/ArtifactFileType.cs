using GraphQL.Types;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class ArtifactFileType : ObjectGraphType<VersionFile>
{
    public ArtifactFileType()
    {
        Name = "ArtifactFile";
        Description = "One entry of an artifact version's file manifest.";
        Field<NonNullGraphType<StringGraphType>>("path").Resolve(c => c.Source.Path);
        Field<NonNullGraphType<StringGraphType>>("digest").Resolve(c => c.Source.Digest);
        Field<NonNullGraphType<LongGraphType>>("size").Resolve(c => c.Source.Size);
    }
}
