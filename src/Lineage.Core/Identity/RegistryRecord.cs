namespace Lineage.Identity;

/// <summary>A registry of curated collections, owned by a namespace and addressed like a project.</summary>
public sealed record RegistryRecord(
    long Id,
    long NamespaceId,
    string Namespace,
    string Name,
    RegistryVisibility Visibility,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public string Path => $"{Namespace}/{Name}";
}
