namespace Lineage.Identity;

/// <summary>Changes what is given: the visibility, the protected aliases, or both.</summary>
public sealed record UpdateRegistryCommand(string Registry, RegistryVisibility? Visibility, IReadOnlyList<string>? ProtectedAliases = null);
