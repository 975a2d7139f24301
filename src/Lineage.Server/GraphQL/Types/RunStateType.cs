using GraphQL.Types;
using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class RunStateType : EnumerationGraphType<RunState>
{
    public RunStateType()
    {
        Name = "RunState";
    }
}
