using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class PrincipalKindType : EnumerationGraphType<PrincipalKind>
{
    public PrincipalKindType()
    {
        Name = "PrincipalKind";
    }
}
