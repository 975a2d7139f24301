using Lineage.Model;
using Lineage.Names;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class FinishRunInput
{
    public string Run { get; set; } = "";

    public RunState State { get; set; } = RunState.Finished;

    /// <summary>The run's end asked for, checked as every command is.</summary>
    internal FinishRunCommand Command() => new(RunPath.Parse(Run, "run"), State);
}
