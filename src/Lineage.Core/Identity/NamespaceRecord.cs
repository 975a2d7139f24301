namespace Lineage.Identity;

/// <summary>A user, team or organization; a team may belong to an organization.</summary>
public sealed record NamespaceRecord(
    long Id,
    string Name,
    NamespaceKind Kind,
    long? OrganizationId,
    string? Organization,
    DateTimeOffset CreatedAt,
    string CreatedBy);
