using Lineage.Model;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class FinishRunInput
{
    public string Run { get; set; } = "";

    public RunState State { get; set; } = RunState.Finished;
}
