using GraphQL.Types;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class ArtifactFileType : ObjectGraphType<VersionFile>
{
    public ArtifactFileType()
    {
        Name = "ArtifactFile";
        Description = "One entry of an artifact version's file manifest.";
        Field(f => f.Path);
        Field(f => f.Digest);
        Field<NonNullGraphType<LongGraphType>>("size").Resolve(c => c.Source.Size);
    }
}
