namespace Lineage.Model;

/// <summary>One entry of a version's file manifest.</summary>
public sealed record VersionFile(string Path, string Digest, long Size);
