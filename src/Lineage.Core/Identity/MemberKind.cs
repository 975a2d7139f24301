namespace Lineage.Identity;

/// <summary>Who a role is granted to: a principal, or every member of a team.</summary>
public enum MemberKind
{
    User,
    ServiceAccount,
    Team,
}
