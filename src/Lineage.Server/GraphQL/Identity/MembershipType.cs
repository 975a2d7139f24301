using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class MembershipType : ObjectGraphType<MembershipRecord>
{
    public MembershipType()
    {
        Name = "Membership";
        Description = "A role granted on a namespace or registry to a user, service account or team.";
        Field<NonNullGraphType<StringGraphType>>("member").Reads(s => s.Member).Description("The user, service account or team name.");
        Field<NonNullGraphType<MemberKindType>>("memberKind").Reads(s => s.MemberKind);
        Field<NonNullGraphType<RoleType>>("role").Reads(s => s.Role);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the role was last granted.").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy);
    }
}
