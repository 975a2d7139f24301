namespace Lineage.Listing;

/// <summary>How many items share a value (a job type, an artifact type, a run state); null for runs without a job type.</summary>
public sealed record Tally(string? Value, int Count);
