namespace Lineage.Lineage;

/// <summary>
/// A node of a lineage answer. <see cref="Name"/> is short (<c>rural-feather-20</c>,
/// <c>split_zoo_dataset:v4</c>); <see cref="Path"/> is fully qualified, and is put together
/// from the project's path only when asked for. <see cref="Type"/> is the artifact type or
/// the run's job type.
/// </summary>
public readonly record struct LineageNode(NodeRef Node, int Hops, string Name, string? Type, string ProjectPath)
{
    public string Path => $"{ProjectPath}/{Name}";
}
