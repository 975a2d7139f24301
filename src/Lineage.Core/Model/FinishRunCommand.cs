using Lineage.Errors;
using Lineage.Names;

namespace Lineage.Model;

public sealed record FinishRunCommand(RunPath Run, RunState State)
{
    public RunPath Run { get; } = Run ?? throw new ArgumentNullException(nameof(Run));

    public RunState State { get; } = State == RunState.Running
        ? throw new InvalidArgumentException("a run is finished as FINISHED, FAILED or CRASHED, not RUNNING")
        : State;
}
