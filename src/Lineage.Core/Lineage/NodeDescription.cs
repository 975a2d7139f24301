namespace Lineage.Lineage;

/// <summary>How a lineage node is shown: <c>rural-feather-20</c>, <c>acme/zoo/rural-feather-20</c>, its type, its namespace.</summary>
public sealed record NodeDescription(string Name, string Path, string? Type, long NamespaceId);
