namespace Lineage.Lineage;

/// <summary>
/// Reads the neighbours of a set of nodes in one round trip. Stores implement it over what they
/// hold; the traversal and cycle rules of the core run on top of it.
/// </summary>
public interface IAdjacencyReader
{
    Task<IReadOnlyList<Adjacency>> ReadAsync(IReadOnlyList<NodeRef> nodes, WalkDirection direction, CancellationToken cancellationToken);
}
