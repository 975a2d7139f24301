using Lineage.Store;

namespace Lineage.Identity;

/// <summary>A user, team or organization; a team may belong to an organization.</summary>
public sealed record NamespaceRecord(
    long Id,
    string Name,
    NamespaceKind Kind,
    long? OrganizationId,
    string? Organization,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>A namespace from its stored fields.</summary>
    public static NamespaceRecord Read(IFieldReader f) => new(
        f.Long("id"),
        f.Text("name"),
        Enum.Parse<NamespaceKind>(f.Text("kind"), ignoreCase: true),
        f.NullableLong("organizationId"),
        f.NullableText("organization"),
        f.Time("createdAt"),
        f.Text("createdBy"));
}
