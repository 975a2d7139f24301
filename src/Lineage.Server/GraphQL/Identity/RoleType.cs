using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class RoleType : EnumerationGraphType<Role>
{
    public RoleType()
    {
        Name = "Role";
        Description = "Roles on namespaces and registries; RESTRICTED_VIEWER exists on registries only.";
    }
}
