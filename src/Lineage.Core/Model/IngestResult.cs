namespace Lineage.Model;

/// <summary>What an ingest batch added.</summary>
public sealed record IngestResult(int Runs, int Versions, int Edges);
