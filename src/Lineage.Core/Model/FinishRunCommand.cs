using Lineage.Names;

namespace Lineage.Model;

public sealed record FinishRunCommand(RunPath Run, RunState State);
