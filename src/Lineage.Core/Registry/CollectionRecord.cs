using Lineage.Store;

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

    /// <summary>A collection from its stored fields.</summary>
    public static CollectionRecord Read(IFieldReader f) => new(
        f.Long("id"),
        f.Long("registryId"),
        f.Long("namespaceId"),
        f.Text("namespace"),
        f.Text("registry"),
        f.Text("name"),
        f.Text("type"),
        f.NullableText("description"),
        f.Time("createdAt"),
        f.Text("createdBy"));
}
