using Lineage.Identity;
using Lineage.Model;

namespace Lineage.Store;

/// <summary>
/// Principals, namespaces, registries, role grants and API keys. Writes check the actor's
/// <see cref="Access"/> in the transaction that makes the change.
/// </summary>
public interface IIdentityStore
{
    /// <summary>The stored key with this id, its owner and the owner's effective roles; null when unknown.</summary>
    Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure the bootstrap administrator exists. <paramref name="environmentKey"/> (from
    /// LINEAGE_ADMIN_KEY) replaces any earlier environment key; without one, a newly created
    /// administrator gets <paramref name="firstStartKey"/>, and <paramref name="keepFirstStartKey"/>
    /// runs inside the transaction before it commits: when it throws, nothing is committed, so
    /// an administrator never exists with a key nobody was given.
    /// </summary>
    Task<BootstrapResult> BootstrapAdministratorAsync(
        string name, ApiKeyToken? environmentKey, ApiKeyToken firstStartKey, Func<CancellationToken, Task>? keepFirstStartKey, CancellationToken cancellationToken);

    /// <summary>
    /// The server's secret named <paramref name="name"/>: the one stored, or, on the first call
    /// ever, <paramref name="candidate"/>, which is then stored. Every start and every server on
    /// the same store gets the same value.
    /// </summary>
    Task<byte[]> GetOrCreateSecretAsync(string name, byte[] candidate, CancellationToken cancellationToken);

    Task<PrincipalRecord> CreateUserAsync(CreateUserCommand command, Actor actor, CancellationToken cancellationToken);

    Task<NamespaceRecord> CreateNamespaceAsync(CreateNamespaceCommand command, Actor actor, CancellationToken cancellationToken);

    Task<PrincipalRecord> CreateServiceAccountAsync(CreateServiceAccountCommand command, Actor actor, CancellationToken cancellationToken);

    Task<MembershipRecord> GrantRoleAsync(GrantRoleCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>Removes a member's grant; false when there was none.</summary>
    Task<bool> RevokeRoleAsync(RevokeRoleCommand command, Actor actor, CancellationToken cancellationToken);

    Task<RegistryRecord> CreateRegistryAsync(CreateRegistryCommand command, Actor actor, CancellationToken cancellationToken);

    Task<RegistryRecord> UpdateRegistryAsync(UpdateRegistryCommand command, Actor actor, CancellationToken cancellationToken);

    Task<ApiKeyRecord> CreateApiKeyAsync(CreateApiKeyCommand command, Actor actor, CancellationToken cancellationToken);

    Task<ApiKeyRecord> RevokeApiKeyAsync(string keyId, Actor actor, CancellationToken cancellationToken);

    Task<PrincipalRecord?> FindPrincipalAsync(long id, CancellationToken cancellationToken);

    Task<NamespaceRecord?> FindNamespaceAsync(string name, Access access, CancellationToken cancellationToken);

    /// <summary>The namespaces the caller holds a role in (every one, for a site administrator), oldest first.</summary>
    Task<Page<NamespaceRecord>> GetNamespacesAsync(Access access, PageRequest page, CancellationToken cancellationToken);

    Task<int> CountNamespacesAsync(Access access, CancellationToken cancellationToken);

    Task<RegistryRecord?> FindRegistryAsync(string path, Access access, CancellationToken cancellationToken);

    Task<IReadOnlyList<RegistryRecord>> GetRegistriesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>The grants on a namespace (<c>acme</c>) or registry (<c>acme/models</c>), oldest first.</summary>
    Task<Page<MembershipRecord>> GetMembersAsync(string resource, Access access, PageRequest page, CancellationToken cancellationToken);

    Task<int> CountMembersAsync(string resource, Access access, CancellationToken cancellationToken);

    /// <summary>A principal's keys, newest first; only the principal, its managers and administrators may list them.</summary>
    Task<Page<ApiKeyRecord>> GetApiKeysAsync(string principal, bool includeRevoked, Actor actor, PageRequest page, CancellationToken cancellationToken);

    Task<int> CountApiKeysAsync(string principal, bool includeRevoked, Actor actor, CancellationToken cancellationToken);
}
