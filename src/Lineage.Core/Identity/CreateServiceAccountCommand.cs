namespace Lineage.Identity;

/// <summary>Creates a service account owned by a namespace, with a role in it.</summary>
public sealed record CreateServiceAccountCommand(string Namespace, string Name, Role Role);
