using Lineage.Store;

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

    /// <summary>An artifact from its stored fields.</summary>
    public static ArtifactRecord Read(IFieldReader f) => new(
        f.Long("id"), f.Long("projectId"), f.Long("namespaceId"), f.Text("namespace"), f.Text("project"), f.Text("name"), f.Text("type"), f.Time("createdAt"));
}
