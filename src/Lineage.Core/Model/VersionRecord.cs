using Lineage.Registry;
using Lineage.Store;

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

    /// <summary>A project version from its stored fields and its aliases: the one list of what a version is made of, for every store.</summary>
    public static VersionRecord Read(IFieldReader f, IReadOnlyList<string> aliases) => new(
        f.Long("id"),
        f.Long("artifactId"),
        f.Long("namespaceId"),
        f.Text("namespace"),
        f.Text("project"),
        f.Text("artifactName"),
        f.Text("type"),
        (int)f.Long("versionIndex"),
        f.Text("digest"),
        f.NullableText("metadata"),
        f.NullableLong("size"),
        f.Time("createdAt"),
        f.Text("createdBy"),
        f.Long("loggedByRunId"),
        aliases)
    {
        Description = f.NullableText("description"),
    };

    /// <summary>
    /// This project version as a link shows it: named, numbered, aliased and created as the link's
    /// stored fields say (<c>id</c>, <c>collectionId</c>, <c>registryId</c>, <c>namespaceId</c>,
    /// <c>namespace</c>, <c>registry</c>, <c>collection</c>, <c>type</c>, <c>linkIndex</c>,
    /// <c>createdAt</c>, <c>createdBy</c>), with everything else this version's.
    /// </summary>
    public VersionRecord LinkedAs(IFieldReader link, IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(link);
        return Linked(
            link.Long("id"), link.Long("collectionId"), link.Long("registryId"), link.Long("namespaceId"), link.Text("namespace"),
            link.Text("registry"), link.Text("collection"), link.Text("type"), (int)link.Long("linkIndex"), link.Time("createdAt"), link.Text("createdBy"), aliases);
    }

    /// <summary>
    /// This project version as <paramref name="collection"/> showed it once, linked at
    /// <paramref name="index"/> by the event <paramref name="linkedBy"/>, after it was unlinked:
    /// no link exists to name it, so the event does.
    /// </summary>
    public VersionRecord UnlinkedFrom(
        CollectionRecord collection, int index, long linkedBy, DateTimeOffset linkedAt, string linker, IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var past = Linked(
            0, collection.Id, collection.RegistryId, collection.NamespaceId, collection.Namespace,
            collection.Registry, collection.Name, collection.Type, index, linkedAt, linker, aliases);
        return past with { Link = past.Link! with { PastEventId = linkedBy } };
    }

    private VersionRecord Linked(
        long linkId, long collectionId, long registryId, long namespaceId, string ns, string registry, string collection,
        string type, int index, DateTimeOffset createdAt, string createdBy, IReadOnlyList<string> aliases) =>
        this with
        {
            NamespaceId = namespaceId,
            Namespace = ns,
            Project = registry,
            ArtifactName = collection,
            Type = type,
            VersionIndex = index,
            CreatedAt = createdAt,
            CreatedBy = createdBy,
            Aliases = aliases,
            Link = new LinkRecord(linkId, collectionId, registryId, NamespaceId, QualifiedName),
        };
}
