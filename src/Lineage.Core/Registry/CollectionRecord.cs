namespace Lineage.Registry;

/// <summary>A named, typed list of linked versions in a registry.</summary>
public sealed record CollectionRecord(
    long Id,
    long RegistryId,
    long NamespaceId,
    string Namespace,
    string Registry,
    string Name,
    string Type,
    string? Description,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary><c>acme/models/zoo-classifier</c></summary>
    public string Path => $"{Namespace}/{Registry}/{Name}";

    public string RegistryPath => $"{Namespace}/{Registry}";
}
