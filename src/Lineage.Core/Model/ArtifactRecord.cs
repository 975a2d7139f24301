namespace Lineage.Model;

/// <summary>A named, typed sequence of versions in a project.</summary>
public sealed record ArtifactRecord(
    long Id,
    long ProjectId,
    long NamespaceId,
    string Namespace,
    string Project,
    string Name,
    string Type,
    DateTimeOffset CreatedAt)
{
    public string Path => $"{Namespace}/{Project}/{Name}";
}
