using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Application;

/// <summary>
/// Principals, namespaces, registries, role grants and API keys: every rule of who may make,
/// grant, see and revoke what, applied once over any store. A write is one transaction that
/// checks the actor's <see cref="Access"/> against what it reads, so the check still holds
/// when the change is made; a refused write stores nothing.
/// </summary>
public sealed class Identities(IIdentityStore records, IStoreSessionSource store, TimeProvider time)
{
    private readonly CredentialCache _credentials = new();

    /// <summary>
    /// The stored key with this id, its owner and the owner's effective roles; null when unknown.
    /// Read again only when an identity change has been committed since it was last read.
    /// </summary>
    public async Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);

        // The epoch is read first: what is read after it is at least as new as the epoch says.
        var epoch = await records.ReadIdentityEpochAsync(cancellationToken).ConfigureAwait(false);
        if (_credentials.TryGet(keyId, epoch, out var known))
        {
            return known;
        }

        var credential = await records.FindCredentialAsync(keyId, cancellationToken).ConfigureAwait(false);
        _credentials.Put(keyId, epoch, credential);
        return credential;
    }

    /// <summary>
    /// Makes sure the bootstrap administrator exists. <paramref name="environmentKey"/> (from
    /// LINEAGE_ADMIN_KEY) replaces any earlier environment key; without one, a newly created
    /// administrator gets <paramref name="firstStartKey"/>, and <paramref name="keepFirstStartKey"/>
    /// runs inside the transaction before it commits: when it throws, nothing is committed, so
    /// an administrator never exists with a key nobody was given.
    /// </summary>
    public Task<BootstrapResult> BootstrapAdministratorAsync(
        string name, ApiKeyToken? environmentKey, ApiKeyToken firstStartKey, Func<CancellationToken, Task>? keepFirstStartKey, CancellationToken cancellationToken)
    {
        NameRules.RequireName(name, "administrator name");
        ArgumentNullException.ThrowIfNull(firstStartKey);
        var system = Actor.System(name);
        return WriteAsync(async s =>
        {
            var principal = await s.FindPrincipalAsync(name, cancellationToken).ConfigureAwait(false);
            var created = principal is null;
            if (principal is null)
            {
                // Namespaces made before the administrator may already use the name; the
                // administrator then simply has no namespace of its own.
                principal = await s.FindNamespaceAsync(name, cancellationToken).ConfigureAwait(false) is null
                    ? await InsertUserAsync(s, name, isAdministrator: true, system, cancellationToken).ConfigureAwait(false)
                    : await s.InsertPrincipalAsync(name, PrincipalKind.User, true, null, system, cancellationToken).ConfigureAwait(false);
            }
            else if (!principal.IsAdministrator)
            {
                await s.MakeAdministratorAsync(principal.Id, cancellationToken).ConfigureAwait(false);
                principal = principal with { IsAdministrator = true };
            }

            if (environmentKey is not null)
            {
                // The environment names exactly one valid key: the one it holds now.
                var key = new KeyToStore(environmentKey.Id, environmentKey.Hash(), "LINEAGE_ADMIN_KEY", ApiKeySource.Environment, null);
                await s.PutEnvironmentKeyAsync(key, principal, system, cancellationToken).ConfigureAwait(false);
            }
            else if (created)
            {
                var key = new KeyToStore(firstStartKey.Id, firstStartKey.Hash(), "first-start", ApiKeySource.FirstStart, null);
                await s.InsertKeyAsync(key, principal, system, cancellationToken).ConfigureAwait(false);
                if (keepFirstStartKey is not null)
                {
                    await keepFirstStartKey(cancellationToken).ConfigureAwait(false);
                }
            }

            return new BootstrapResult(principal, created && environmentKey is null);
        }, cancellationToken);
    }

    /// <summary>
    /// The server's secret named <paramref name="name"/>: the one stored, or, on the first call
    /// ever, <paramref name="candidate"/>, which is then stored.
    /// </summary>
    public Task<byte[]> GetOrCreateSecretAsync(string name, byte[] candidate, CancellationToken cancellationToken) =>
        records.GetOrCreateSecretAsync(name, candidate, cancellationToken);

    public Task<PrincipalRecord> CreateUserAsync(CreateUserCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.RequireSiteAdministrator(actor, "creating users");
        NameRules.RequireName(command.Name, "user name");
        return WriteAsync(s => InsertUserAsync(s, command.Name, command.IsAdministrator, actor, cancellationToken), cancellationToken);
    }

    public Task<NamespaceRecord> CreateNamespaceAsync(CreateNamespaceCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.CheckCreateNamespace(command, actor);
        return WriteAsync(async s =>
        {
            NamespaceRecord? organization = null;
            if (command.Organization is { } name)
            {
                var parent = await s.FindNamespaceAsync(name, cancellationToken).ConfigureAwait(false);
                organization = IdentityRules.RequireOrganization(parent, name, actor.Access);
            }

            await RequireFreeNameAsync(s, command.Name, cancellationToken).ConfigureAwait(false);
            var created = await s.InsertNamespaceAsync(command.Name, command.Kind, organization, actor, cancellationToken).ConfigureAwait(false);
            if (actor is { PrincipalId: { } creatorId, IsAdministrator: false })
            {
                var creator = await s.FindPrincipalAsync(creatorId, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"principal {creatorId} is missing");
                await s.SetGrantAsync(GrantResource.Of(created), GrantMember.Of(creator), Role.Admin, actor, cancellationToken).ConfigureAwait(false);
            }

            return created;
        }, cancellationToken);
    }

    public Task<PrincipalRecord> CreateServiceAccountAsync(CreateServiceAccountCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireName(command.Name, "service account name");
        IdentityRules.RequireNamespaceRole(command.Role);
        return WriteAsync(async s =>
        {
            var owner = await RequireNamespaceAsync(s, command.Namespace, actor.Access, Permission.AdministerNamespace, cancellationToken).ConfigureAwait(false);
            await RequireFreeNameAsync(s, command.Name, cancellationToken).ConfigureAwait(false);
            var principal = await s.InsertPrincipalAsync(command.Name, PrincipalKind.ServiceAccount, false, owner, actor, cancellationToken).ConfigureAwait(false);
            await s.SetGrantAsync(GrantResource.Of(owner), GrantMember.Of(principal), command.Role, actor, cancellationToken).ConfigureAwait(false);
            return principal;
        }, cancellationToken);
    }

    public Task<MembershipRecord> GrantRoleAsync(GrantRoleCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(async s =>
        {
            var resource = await RequireResourceAsync(s, command.Resource, actor.Access, administer: true, cancellationToken).ConfigureAwait(false);
            if (!resource.IsRegistry)
            {
                IdentityRules.RequireNamespaceRole(command.Role);
            }

            var member = await RequireMemberAsync(s, command.Member, cancellationToken).ConfigureAwait(false);
            if (member.Kind == MemberKind.Team && resource.Kind == NamespaceKind.Team)
            {
                throw IdentityRules.TeamInTeam(command.Member);
            }

            if (command.Role != Role.Admin)
            {
                await KeepAnAdministratorAsync(s, resource, member, actor, cancellationToken).ConfigureAwait(false);
            }

            var previous = await s.SetGrantAsync(resource, member, command.Role, actor, cancellationToken).ConfigureAwait(false);

            // Who may do what in a registry is part of its history.
            if (resource.IsRegistry && RegistryRules.Granted(command.Member, command.Role, previous) is { } granted)
            {
                await AuditLog.AppendAsync(s, AuditTargetKind.Registry, resource.Id, command.Resource, granted, actor, cancellationToken).ConfigureAwait(false);
            }

            return new MembershipRecord(command.Member, member.Kind, command.Role, time.GetUtcNow(), actor.Name);
        }, cancellationToken);
    }

    /// <summary>Removes a member's grant; false when there was none.</summary>
    public Task<bool> RevokeRoleAsync(RevokeRoleCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(async s =>
        {
            var resource = await RequireResourceAsync(s, command.Resource, actor.Access, administer: true, cancellationToken).ConfigureAwait(false);
            var member = await RequireMemberAsync(s, command.Member, cancellationToken).ConfigureAwait(false);
            await KeepAnAdministratorAsync(s, resource, member, actor, cancellationToken).ConfigureAwait(false);
            if (await s.DeleteGrantAsync(resource, member, cancellationToken).ConfigureAwait(false) is not { } removed)
            {
                return false;
            }

            if (resource.IsRegistry)
            {
                await AuditLog.AppendAsync(
                    s, AuditTargetKind.Registry, resource.Id, command.Resource, RegistryRules.Revoked(command.Member, removed), actor, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    public Task<RegistryRecord> CreateRegistryAsync(CreateRegistryCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireName(command.Name, "registry name");
        var protectedAliases = IdentityRules.ProtectedAliases(command.ProtectedAliases ?? []);
        return WriteAsync(async s =>
        {
            var owner = await RequireNamespaceAsync(s, command.Owner, actor.Access, Permission.AdministerNamespace, cancellationToken).ConfigureAwait(false);
            var path = new ProjectPath(owner.Name, command.Name);
            IdentityRules.RequireFreeRegistryPath(
                path.ToString(),
                isProject: await s.FindProjectAsync(path, cancellationToken).ConfigureAwait(false) is not null,
                isRegistry: await s.FindRegistryAsync(path, cancellationToken).ConfigureAwait(false) is not null);

            var registry = await s.InsertRegistryAsync(owner, command.Name, command.Visibility, protectedAliases, actor, cancellationToken).ConfigureAwait(false);
            foreach (var entry in RegistryRules.Created(command.Visibility, protectedAliases))
            {
                await AuditLog.AppendAsync(s, AuditTargetKind.Registry, registry.Id, registry.Path, entry, actor, cancellationToken).ConfigureAwait(false);
            }

            return registry;
        }, cancellationToken);
    }

    public Task<RegistryRecord> UpdateRegistryAsync(UpdateRegistryCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(async s =>
        {
            var registry = await RequireRegistryAsync(s, command.Registry, actor.Access, Permission.AdministerRegistry, cancellationToken).ConfigureAwait(false);
            var visibility = command.Visibility ?? registry.Visibility;
            var protectedAliases = IdentityRules.ProtectedAliases(command.ProtectedAliases ?? registry.ProtectedAliases);
            var updated = await s.UpdateRegistryAsync(registry, visibility, protectedAliases, cancellationToken).ConfigureAwait(false);
            foreach (var entry in RegistryRules.Updated(registry, visibility, protectedAliases))
            {
                await AuditLog.AppendAsync(s, AuditTargetKind.Registry, registry.Id, registry.Path, entry, actor, cancellationToken).ConfigureAwait(false);
            }

            return updated;
        }, cancellationToken);
    }

    public Task<ApiKeyRecord> CreateApiKeyAsync(CreateApiKeyCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.CheckCreateApiKey(command, time.GetUtcNow());
        return WriteAsync(async s =>
        {
            var principal = await RequireKeyManagerAsync(s, command.Principal, actor, cancellationToken).ConfigureAwait(false);
            IdentityRules.RequireRoomForKey(principal, await s.CountActiveKeysAsync(principal.Id, cancellationToken).ConfigureAwait(false));
            var key = new KeyToStore(command.KeyId, command.SecretHash, command.Name, ApiKeySource.Api, command.ExpiresAt);
            await s.InsertKeyAsync(key, principal, actor, cancellationToken).ConfigureAwait(false);
            return await s.FindKeyAsync(command.KeyId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the key just stored is missing");
        }, cancellationToken);
    }

    /// <summary>Revokes a key; revoking it again gives the same answer.</summary>
    public Task<ApiKeyRecord> RevokeApiKeyAsync(string keyId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(async s =>
        {
            var key = await s.FindKeyAsync(keyId, cancellationToken).ConfigureAwait(false) ?? throw Missing.ApiKey(keyId);
            try
            {
                await RequireKeyManagerAsync(s, key.Principal, actor, cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                // Someone who may not see the owner may not learn that the key exists either.
                throw Missing.ApiKey(keyId);
            }

            if (key.RevokedAt is not null)
            {
                return key;
            }

            await s.RevokeKeyAsync(keyId, actor, cancellationToken).ConfigureAwait(false);
            return (await s.FindKeyAsync(keyId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task<PrincipalRecord?> FindPrincipalAsync(long id, CancellationToken cancellationToken) =>
        store.ReadAsync(s => s.FindPrincipalAsync(id, cancellationToken), cancellationToken);

    public Task<NamespaceRecord?> FindNamespaceAsync(string name, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync(
            async s => await s.FindNamespaceAsync(name, cancellationToken).ConfigureAwait(false) is { } found && access.CanSeeNamespace(found.Id) ? found : null,
            cancellationToken);
    }

    public Task<RegistryRecord?> FindRegistryAsync(string path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var parsed = ProjectPath.Parse(path, "registry path");
        return store.ReadAsync(
            async s => await s.FindRegistryAsync(parsed, cancellationToken).ConfigureAwait(false) is { } found && access.CanSeeRegistry(found.Id) ? found : null,
            cancellationToken);
    }

    /// <summary>The namespaces the caller holds a role in (every one, for a site administrator), oldest first.</summary>
    public Task<Page<NamespaceRecord>> GetNamespacesAsync(Access access, PageRequest page, CancellationToken cancellationToken) =>
        records.GetNamespacesAsync(access, page, cancellationToken);

    public Task<int> CountNamespacesAsync(Access access, CancellationToken cancellationToken) =>
        records.CountNamespacesAsync(access, cancellationToken);

    public Task<IReadOnlyList<RegistryRecord>> GetRegistriesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        records.GetRegistriesAsync(ids, cancellationToken);

    /// <summary>Namespaces by id, whoever may see them: callers filter by <see cref="Access"/>.</summary>
    public Task<IReadOnlyList<NamespaceRecord>> GetNamespacesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        records.GetNamespacesAsync(ids, cancellationToken);

    /// <summary>Principals by id, whoever may see them: callers decide who may.</summary>
    public Task<IReadOnlyList<PrincipalRecord>> GetPrincipalsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        records.GetPrincipalsAsync(ids, cancellationToken);

    /// <summary>The grants on a namespace (<c>acme</c>) or registry (<c>acme/models</c>), oldest first.</summary>
    public Task<Page<MembershipRecord>> GetMembersAsync(string resource, Access access, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return store.ReadAsync(
            async s => await s.PageGrantsAsync(
                await RequireResourceAsync(s, resource, access, administer: false, cancellationToken).ConfigureAwait(false), page, cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<int> CountMembersAsync(string resource, Access access, CancellationToken cancellationToken) =>
        store.ReadAsync(
            async s => await s.CountGrantsAsync(
                await RequireResourceAsync(s, resource, access, administer: false, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            cancellationToken);

    /// <summary>A principal's keys, newest first; only the principal, its managers and administrators may list them.</summary>
    public Task<Page<ApiKeyRecord>> GetApiKeysAsync(string principal, bool includeRevoked, Actor actor, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(page);
        return store.ReadAsync(
            async s => await s.PageKeysAsync(
                (await RequireKeyManagerAsync(s, principal, actor, cancellationToken).ConfigureAwait(false)).Id, includeRevoked, page, cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<int> CountApiKeysAsync(string principal, bool includeRevoked, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return store.ReadAsync(
            async s => await s.CountKeysAsync(
                (await RequireKeyManagerAsync(s, principal, actor, cancellationToken).ConfigureAwait(false)).Id, includeRevoked, cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>A user, its own namespace, and its ADMIN grant there.</summary>
    private static async Task<PrincipalRecord> InsertUserAsync(IStoreSession s, string name, bool isAdministrator, Actor actor, CancellationToken cancellationToken)
    {
        await RequireFreeNameAsync(s, name, cancellationToken).ConfigureAwait(false);
        var home = await s.InsertNamespaceAsync(name, NamespaceKind.User, null, actor, cancellationToken).ConfigureAwait(false);
        var principal = await s.InsertPrincipalAsync(name, PrincipalKind.User, isAdministrator, home, actor, cancellationToken).ConfigureAwait(false);
        await s.SetGrantAsync(GrantResource.Of(home), GrantMember.Of(principal), Role.Admin, actor, cancellationToken).ConfigureAwait(false);
        return principal;
    }

    /// <summary>Names are shared by principals and namespaces, so that a member is never ambiguous.</summary>
    private static async Task RequireFreeNameAsync(IStoreSession s, string name, CancellationToken cancellationToken)
    {
        if (await s.IsNameTakenAsync(name, cancellationToken).ConfigureAwait(false))
        {
            throw IdentityRules.NameTaken(name);
        }
    }

    /// <summary>
    /// A namespace's only ADMIN grant may not be taken away or lowered, except by a site
    /// administrator: nobody else could manage the namespace afterwards. Registries always keep
    /// the ADMINs of their owner.
    /// </summary>
    private static async Task KeepAnAdministratorAsync(IStoreSession s, GrantResource resource, GrantMember member, Actor actor, CancellationToken cancellationToken)
    {
        if (resource.IsRegistry || actor.IsAdministrator)
        {
            return;
        }

        var (held, admins) = await s.CountAdminGrantsAsync(resource.Id, member, cancellationToken).ConfigureAwait(false);
        IdentityRules.KeepAnAdministrator(held, admins, member.Name);
    }

    /// <summary>The principal whose keys <paramref name="actor"/> wants to manage, if it may (see <see cref="IdentityRules.RequireKeyManager"/>).</summary>
    private static async Task<PrincipalRecord> RequireKeyManagerAsync(IStoreSession s, string name, Actor actor, CancellationToken cancellationToken) =>
        IdentityRules.RequireKeyManager(await s.FindPrincipalAsync(name, cancellationToken).ConfigureAwait(false), name, actor);

    private static async Task<NamespaceRecord> RequireNamespaceAsync(
        IStoreSession s, string name, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var found = await s.FindNamespaceAsync(name, cancellationToken).ConfigureAwait(false) ?? throw Missing.Namespace(name);
        access.RequireNamespace(found.Id, found.Name, permission, Missing.Namespace(name).Message);
        return found;
    }

    /// <summary>The registry at <paramref name="path"/>, if the caller's role there allows <paramref name="permission"/>.</summary>
    internal static async Task<RegistryRecord> RequireRegistryAsync(
        IStoreSession s, string path, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var parsed = ProjectPath.Parse(path, "registry path");
        var found = await s.FindRegistryAsync(parsed, cancellationToken).ConfigureAwait(false) ?? throw Missing.Registry(parsed);
        access.RequireRegistry(found.Id, found.Path, permission, Missing.Registry(parsed).Message);
        return found;
    }

    /// <summary>A namespace (<c>acme</c>) or a registry (<c>acme/models</c>) that roles are granted on.</summary>
    private static async Task<GrantResource> RequireResourceAsync(
        IStoreSession s, string resource, Access access, bool administer, CancellationToken cancellationToken)
    {
        if (resource is null || !resource.Contains('/', StringComparison.Ordinal))
        {
            var name = NameRules.RequireName(resource, "namespace");
            return GrantResource.Of(await RequireNamespaceAsync(
                s, name, access, administer ? Permission.AdministerNamespace : Permission.ReadNamespace, cancellationToken).ConfigureAwait(false));
        }

        return GrantResource.Of(await RequireRegistryAsync(
            s, resource, access, administer ? Permission.AdministerRegistry : Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<GrantMember> RequireMemberAsync(IStoreSession s, string name, CancellationToken cancellationToken)
    {
        NameRules.RequireName(name, "member");
        if (await s.FindPrincipalAsync(name, cancellationToken).ConfigureAwait(false) is { } principal)
        {
            return GrantMember.Of(principal);
        }

        var team = await s.FindNamespaceAsync(name, cancellationToken).ConfigureAwait(false);
        return team is { Kind: NamespaceKind.Team } ? new GrantMember(team.Id, team.Name, MemberKind.Team) : throw Missing.Member(name);
    }

    /// <summary>A write of identities: it counts one more identity change in the same transaction, so that cached credentials are read again once it commits.</summary>
    private Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken) =>
        store.WriteAsync(
            async s =>
            {
                var result = await work(s).ConfigureAwait(false);
                await s.BumpIdentityEpochAsync(cancellationToken).ConfigureAwait(false);
                return result;
            },
            cancellationToken);
}
