using Lineage.Names;

namespace Lineage.Model;

public sealed record CreateRunCommand(RunPath Run, string? JobType, string? ConfigJson) : ILineageWrite;
