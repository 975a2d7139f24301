namespace Lineage.Lineage;

/// <summary>The highest id (or edge sequence number) of each table a <see cref="GraphIndex"/> holds.</summary>
public readonly record struct GraphWatermark(long Project, long Artifact, long Run, long Version, long Used, long Logged);
