namespace Lineage.Lineage;

/// <summary>
/// A node of a lineage answer. <see cref="Name"/> is short (<c>rural-feather-20</c>,
/// <c>split_zoo_dataset:v4</c>); <see cref="Path"/> is fully qualified.
/// <see cref="Type"/> is the artifact type or the run's job type.
/// </summary>
public sealed record LineageNode(NodeRef Node, int Hops, string Name, string Path, string? Type);
