using GraphQL.Types;
using Lineage.Model;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class FinishRunInputType : InputObjectGraphType<FinishRunInput>
{
    public FinishRunInputType()
    {
        Name = "FinishRunInput";
        Field<NonNullGraphType<StringGraphType>>("run").Description("The run's path.");
        Field<RunStateType>("state").Description("How the run ended.").DefaultValue(RunState.Finished);
    }
}
