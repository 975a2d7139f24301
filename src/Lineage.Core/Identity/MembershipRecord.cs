namespace Lineage.Identity;

/// <summary>One grant of a role on a namespace or a registry.</summary>
public sealed record MembershipRecord(string Member, MemberKind MemberKind, Role Role, DateTimeOffset CreatedAt, string CreatedBy);
