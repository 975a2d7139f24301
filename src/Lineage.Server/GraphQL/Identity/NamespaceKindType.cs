using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class NamespaceKindType : EnumerationGraphType<NamespaceKind>
{
    public NamespaceKindType()
    {
        Name = "NamespaceKind";
    }
}
