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
    /// <summary>Whether <paramref name="alias"/> is protected: without regard to case, so that <c>Production</c> is guarded with <c>production</c>.</summary>
    public bool IsProtected(string alias) => ProtectedAliases.Contains(alias, StringComparer.OrdinalIgnoreCase);

    public string Path => $"{Namespace}/{Name}";
}
