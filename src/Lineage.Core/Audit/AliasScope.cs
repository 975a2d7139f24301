using Lineage.Registry;

namespace Lineage.Audit;

/// <summary>
/// Where an alias lives, and whose history records its moves: a project artifact (its versions
/// hold its aliases), or a collection (its links do).
/// </summary>
public sealed record AliasScope(AuditTargetKind Kind, long TargetId, string Target)
{
    public static AliasScope Of(CollectionRecord collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return new(AuditTargetKind.Collection, collection.Id, collection.Path);
    }

    public static AliasScope OfArtifact(long artifactId, string artifactPath) => new(AuditTargetKind.Artifact, artifactId, artifactPath);
}
