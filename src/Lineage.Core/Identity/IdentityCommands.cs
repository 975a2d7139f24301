namespace Lineage.Identity;

/// <summary>Creates a user and the user's own namespace of the same name.</summary>
public sealed record CreateUserCommand(string Name, bool IsAdministrator);

/// <summary>Creates a team (optionally inside an organization) or an organization.</summary>
public sealed record CreateNamespaceCommand(string Name, NamespaceKind Kind, string? Organization);

/// <summary>Creates a service account owned by a namespace, with a role in it.</summary>
public sealed record CreateServiceAccountCommand(string Namespace, string Name, Role Role);

/// <summary>
/// Grants <paramref name="Role"/> on a resource, <c>acme</c> (a namespace) or <c>acme/models</c>
/// (a registry), to a principal or a team; a new grant replaces the member's old one.
/// </summary>
public sealed record GrantRoleCommand(string Resource, string Member, Role Role);

public sealed record RevokeRoleCommand(string Resource, string Member);

public sealed record CreateRegistryCommand(string Owner, string Name, RegistryVisibility Visibility);

public sealed record UpdateRegistryCommand(string Registry, RegistryVisibility Visibility);

/// <summary>Stores a new key for <paramref name="Principal"/>; only the secret's hash comes here.</summary>
public sealed record CreateApiKeyCommand(string Principal, string Name, DateTimeOffset? ExpiresAt, string KeyId, IReadOnlyList<byte> SecretHash);

/// <summary>What start-up did: the administrator, and the key it made when it made one.</summary>
public sealed record BootstrapResult(PrincipalRecord Administrator, bool Created);
