namespace Lineage.Identity;

public sealed record CreateRegistryCommand(string Owner, string Name, RegistryVisibility Visibility, IReadOnlyList<string>? ProtectedAliases = null);
