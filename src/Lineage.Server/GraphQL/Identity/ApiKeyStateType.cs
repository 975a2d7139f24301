using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class ApiKeyStateType : EnumerationGraphType<ApiKeyState>
{
    public ApiKeyStateType()
    {
        Name = "ApiKeyState";
    }
}
