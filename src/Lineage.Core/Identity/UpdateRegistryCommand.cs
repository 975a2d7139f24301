namespace Lineage.Identity;

public sealed record UpdateRegistryCommand(string Registry, RegistryVisibility Visibility);
