using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class MemberKindType : EnumerationGraphType<MemberKind>
{
    public MemberKindType()
    {
        Name = "MemberKind";
    }
}
