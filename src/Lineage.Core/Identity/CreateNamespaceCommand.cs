namespace Lineage.Identity;

/// <summary>Creates a team (optionally inside an organization) or an organization.</summary>
public sealed record CreateNamespaceCommand(string Name, NamespaceKind Kind, string? Organization);
