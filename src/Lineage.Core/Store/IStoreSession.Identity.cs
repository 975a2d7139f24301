using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Store;

/// <summary>The identity part of a unit of work: principals, namespaces, registries, grants and keys.</summary>
public partial interface IStoreSession
{
    Task<PrincipalRecord?> FindPrincipalAsync(string name, CancellationToken cancellationToken);

    /// <summary>Counts one more change to principals, grants, registries or keys: cached credentials read before it are stale.</summary>
    Task BumpIdentityEpochAsync(CancellationToken cancellationToken);

    Task<PrincipalRecord?> FindPrincipalAsync(long id, CancellationToken cancellationToken);

    Task<NamespaceRecord?> FindNamespaceAsync(string name, CancellationToken cancellationToken);

    Task<RegistryRecord?> FindRegistryAsync(ProjectPath path, CancellationToken cancellationToken);

    /// <summary>Whether a principal or a namespace already has this name.</summary>
    Task<bool> IsNameTakenAsync(string name, CancellationToken cancellationToken);

    Task<NamespaceRecord> InsertNamespaceAsync(
        string name, NamespaceKind kind, NamespaceRecord? organization, Actor actor, CancellationToken cancellationToken);

    Task<PrincipalRecord> InsertPrincipalAsync(
        string name, PrincipalKind kind, bool isAdministrator, NamespaceRecord? home, Actor actor, CancellationToken cancellationToken);

    Task MakeAdministratorAsync(long principalId, CancellationToken cancellationToken);

    /// <summary>Gives <paramref name="member"/> <paramref name="role"/> on the resource; returns the role it held before, if any.</summary>
    Task<Role?> SetGrantAsync(GrantResource resource, GrantMember member, Role role, Actor actor, CancellationToken cancellationToken);

    /// <summary>Removes the member's grant; returns the role it held, or null when it held none.</summary>
    Task<Role?> DeleteGrantAsync(GrantResource resource, GrantMember member, CancellationToken cancellationToken);

    /// <summary>Whether the member holds ADMIN on the namespace, and how many grants there do.</summary>
    Task<(bool MemberHoldsAdmin, long Admins)> CountAdminGrantsAsync(long namespaceId, GrantMember member, CancellationToken cancellationToken);

    /// <summary>The grants on a resource, oldest first; the page's keys are the store's grant order.</summary>
    Task<Page<MembershipRecord>> PageGrantsAsync(GrantResource resource, PageRequest page, CancellationToken cancellationToken);

    Task<int> CountGrantsAsync(GrantResource resource, CancellationToken cancellationToken);

    Task<RegistryRecord> InsertRegistryAsync(
        NamespaceRecord owner, string name, RegistryVisibility visibility, IReadOnlyList<string> protectedAliases, Actor actor, CancellationToken cancellationToken);

    Task<RegistryRecord> UpdateRegistryAsync(
        RegistryRecord registry, RegistryVisibility visibility, IReadOnlyList<string> protectedAliases, CancellationToken cancellationToken);

    Task<ApiKeyRecord?> FindKeyAsync(string id, CancellationToken cancellationToken);

    /// <summary>Keys of the principal that are neither revoked nor expired now.</summary>
    Task<long> CountActiveKeysAsync(long principalId, CancellationToken cancellationToken);

    Task InsertKeyAsync(KeyToStore key, PrincipalRecord principal, Actor actor, CancellationToken cancellationToken);

    Task RevokeKeyAsync(string id, Actor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="key"/> as the one key taken from the environment, for
    /// <paramref name="principal"/>: revokes every other such key and restores this one if it
    /// was revoked.
    /// </summary>
    Task PutEnvironmentKeyAsync(KeyToStore key, PrincipalRecord principal, Actor actor, CancellationToken cancellationToken);

    /// <summary>A principal's keys, newest first.</summary>
    Task<Page<ApiKeyRecord>> PageKeysAsync(long principalId, bool includeRevoked, PageRequest page, CancellationToken cancellationToken);

    Task<int> CountKeysAsync(long principalId, bool includeRevoked, CancellationToken cancellationToken);
}
