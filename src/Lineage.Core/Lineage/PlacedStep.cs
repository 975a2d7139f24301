namespace Lineage.Lineage;

/// <summary>One step of a bounded search: from <see cref="From"/> to <see cref="To"/>, which holds <see cref="Place"/> in the topological order.</summary>
public readonly record struct PlacedStep(NodeRef From, NodeRef To, long Place);
