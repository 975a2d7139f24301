namespace Lineage.Model;

/// <summary>Keyset pagination: at most <see cref="First"/> items whose key is greater than <see cref="AfterKey"/>.</summary>
public sealed record PageRequest(int First, long AfterKey = 0);
