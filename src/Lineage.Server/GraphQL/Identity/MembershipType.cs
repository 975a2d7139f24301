using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class MembershipType : ObjectGraphType<MembershipRecord>
{
    public MembershipType()
    {
        Name = "Membership";
        Description = "A role granted on a namespace or registry to a user, service account or team.";
        Field<NonNullGraphType<StringGraphType>>("member").Resolve(c => c.Source.Member).Description("The user, service account or team name.");
        Field<NonNullGraphType<MemberKindType>>("memberKind").Resolve(c => c.Source.MemberKind);
        Field<NonNullGraphType<RoleType>>("role").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the role was last granted.").Resolve(c => c.Source.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Resolve(c => c.Source.CreatedBy);
    }
}
