namespace Lineage.Model;

public sealed record ProjectRecord(long Id, long NamespaceId, string Namespace, string Name, DateTimeOffset CreatedAt, string CreatedBy)
{
    public string Path => $"{Namespace}/{Name}";
}
