using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class RegistryVisibilityType : EnumerationGraphType<RegistryVisibility>
{
    public RegistryVisibilityType()
    {
        Name = "RegistryVisibility";
    }
}
