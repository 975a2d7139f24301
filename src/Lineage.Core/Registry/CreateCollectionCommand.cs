using Lineage.Names;

namespace Lineage.Registry;

public sealed record CreateCollectionCommand(ProjectPath Registry, string Name, string Type, string? Description);
