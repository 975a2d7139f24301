namespace Lineage.Model;

/// <summary>An immutable artifact version. <see cref="Aliases"/> includes <c>latest</c> when it is the newest.</summary>
public sealed record VersionRecord(
    long Id,
    long ArtifactId,
    long NamespaceId,
    string Namespace,
    string Project,
    string ArtifactName,
    string Type,
    int VersionIndex,
    string Digest,
    string? MetadataJson,
    long? Size,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    long LoggedByRunId,
    IReadOnlyList<string> Aliases)
{
    public string Version => $"v{VersionIndex}";

    /// <summary><c>split_zoo_dataset:v4</c></summary>
    public string Name => $"{ArtifactName}:{Version}";

    /// <summary><c>acme/zoo/split_zoo_dataset:v4</c></summary>
    public string QualifiedName => $"{Namespace}/{Project}/{Name}";
}
