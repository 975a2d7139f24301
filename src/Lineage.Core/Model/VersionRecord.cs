using Lineage.Registry;

namespace Lineage.Model;

/// <summary>
/// An immutable artifact version. <see cref="Aliases"/> includes <c>latest</c> when it is the newest.
/// A linked version (one with a <see cref="Link"/>) is named after its collection: its namespace,
/// project, artifact name, index, aliases and creation are the link's, while its id, digest,
/// metadata, size and loggers are its source's, whose lineage it shares.
/// </summary>
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
    /// <summary>Set on a linked version: where it is linked and what it points at.</summary>
    public LinkRecord? Link { get; init; }

    /// <summary>What the version holds, in its author's words; a linked version shows its source's.</summary>
    public string? Description { get; init; }

    public string Version => $"v{VersionIndex}";

    /// <summary><c>split_zoo_dataset:v4</c></summary>
    public string Name => $"{ArtifactName}:{Version}";

    /// <summary><c>acme/zoo/split_zoo_dataset:v4</c>, or <c>acme/models/zoo-classifier:v0</c> for a linked version.</summary>
    public string QualifiedName => $"{Namespace}/{Project}/{Name}";
}
