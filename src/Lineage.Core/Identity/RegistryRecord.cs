namespace Lineage.Identity;

/// <summary>
/// A registry of curated collections, owned by a namespace and addressed like a project.
/// Only its ADMINs may set, move or remove its <see cref="ProtectedAliases"/>.
/// </summary>
public sealed record RegistryRecord(
    long Id,
    long NamespaceId,
    string Namespace,
    string Name,
    RegistryVisibility Visibility,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<string> ProtectedAliases)
{
    public bool IsProtected(string alias) => ProtectedAliases.Contains(alias, StringComparer.Ordinal);

    public string Path => $"{Namespace}/{Name}";
}
