using Lineage.Store;

namespace Lineage.Model;

public sealed record ProjectRecord(long Id, long NamespaceId, string Namespace, string Name, DateTimeOffset CreatedAt, string CreatedBy)
{
    public string Path => $"{Namespace}/{Name}";

    public ProjectKey Key => new(Id, NamespaceId, Namespace, Name);

    /// <summary>A project from its stored fields.</summary>
    public static ProjectRecord Read(IFieldReader f) =>
        new(f.Long("id"), f.Long("namespaceId"), f.Text("namespace"), f.Text("name"), f.Time("createdAt"), f.Text("createdBy"));
}
