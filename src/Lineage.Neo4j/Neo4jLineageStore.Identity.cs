using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore : IIdentityStore
{
    public Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return ReadAsync<Credential?>(async s =>
        {
            var row = await s.RowAsync("identity/credential", cancellationToken, ("id", keyId)).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var key = Records.Key(row["key"]);
            var hash = Convert.FromBase64String(Cypher.String(row["key"], "secretHash"));
            var principal = Records.Principal(row["principal"]);
            var access = await LoadAccessAsync(s, principal.Id, principal.IsAdministrator, cancellationToken).ConfigureAwait(false);
            return new Credential(key, hash, principal, access);
        }, cancellationToken);
    }

    public Task<BootstrapResult> BootstrapAdministratorAsync(
        string name, ApiKeyToken? environmentKey, ApiKeyToken firstStartKey, Func<CancellationToken, Task>? keepFirstStartKey, CancellationToken cancellationToken)
    {
        NameRules.RequireName(name, "administrator name");
        ArgumentNullException.ThrowIfNull(firstStartKey);
        var system = Actor.System(name);
        return TransactAsync(async s =>
        {
            var principal = await FindPrincipalAsync(s, name, cancellationToken).ConfigureAwait(false);
            var created = principal is null;
            if (principal is null)
            {
                // Namespaces made before the administrator may already use the name; the
                // administrator then simply has no namespace of its own.
                principal = await FindNamespaceAsync(s, name, cancellationToken).ConfigureAwait(false) is null
                    ? await CreateUserNodesAsync(s, name, isAdministrator: true, system, cancellationToken).ConfigureAwait(false)
                    : await CreatePrincipalNodeAsync(s, name, PrincipalKind.User, true, null, system, cancellationToken).ConfigureAwait(false);
            }
            else if (!principal.IsAdministrator)
            {
                await s.RunAsync("identity/make-administrator", cancellationToken, ("id", principal.Id)).ConfigureAwait(false);
                principal = principal with { IsAdministrator = true };
            }

            if (environmentKey is not null)
            {
                // The environment names exactly one valid key: the one it holds now.
                await s.RunAsync("identity/retire-environment-keys", cancellationToken, ("keep", environmentKey.Id), ("at", Now()), ("by", name)).ConfigureAwait(false);
                await s.RunAsync(
                    "identity/put-environment-key",
                    cancellationToken,
                    ("id", environmentKey.Id),
                    ("principalId", principal.Id),
                    ("principalName", principal.Name),
                    ("hash", Convert.ToBase64String(environmentKey.Hash())),
                    ("at", Now()),
                    ("by", name)).ConfigureAwait(false);
            }
            else if (created)
            {
                await CreateKeyNodeAsync(s, firstStartKey.Id, firstStartKey.Hash(), principal, "first-start", "FIRST_START", null, system, cancellationToken).ConfigureAwait(false);
                if (keepFirstStartKey is not null)
                {
                    await keepFirstStartKey(cancellationToken).ConfigureAwait(false);
                }
            }

            return new BootstrapResult(principal, created && environmentKey is null);
        }, cancellationToken);
    }

    public Task<byte[]> GetOrCreateSecretAsync(string name, byte[] candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidate);
        return TransactAsync(async s =>
        {
            var row = await s.RowAsync("identity/secret", cancellationToken, ("name", name), ("value", Convert.ToBase64String(candidate))).ConfigureAwait(false);
            return Convert.FromBase64String(row!.String("value"));
        }, cancellationToken);
    }

    public Task<PrincipalRecord> CreateUserAsync(CreateUserCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.RequireSiteAdministrator(actor, "creating users");
        NameRules.RequireName(command.Name, "user name");
        return TransactAsync(s => CreateUserNodesAsync(s, command.Name, command.IsAdministrator, actor, cancellationToken), cancellationToken);
    }

    public Task<NamespaceRecord> CreateNamespaceAsync(CreateNamespaceCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.CheckCreateNamespace(command, actor);

        return TransactAsync(async s =>
        {
            NamespaceRecord? organization = null;
            if (command.Organization is { } organizationName)
            {
                var parent = await FindNamespaceAsync(s, organizationName, cancellationToken).ConfigureAwait(false);
                organization = IdentityRules.RequireOrganization(parent, organizationName, actor.Access);
            }

            await RequireFreeNameAsync(s, command.Name, cancellationToken).ConfigureAwait(false);
            var created = await CreateNamespaceNodeAsync(s, command.Name, command.Kind, organization?.Id, organization?.Name, actor, cancellationToken).ConfigureAwait(false);
            if (actor is { PrincipalId: { } creator, IsAdministrator: false })
            {
                var principal = await FindPrincipalAsync(s, creator, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"principal {creator} is missing");
                await CreateGrantAsync(s, Resource.Namespace(created), Member.Of(principal), Role.Admin, actor, cancellationToken).ConfigureAwait(false);
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
        return TransactAsync(async s =>
        {
            var owner = await RequireNamespaceAsync(s, command.Namespace, actor.Access, Permission.AdministerNamespace, cancellationToken).ConfigureAwait(false);
            await RequireFreeNameAsync(s, command.Name, cancellationToken).ConfigureAwait(false);
            var principal = await CreatePrincipalNodeAsync(s, command.Name, PrincipalKind.ServiceAccount, false, owner, actor, cancellationToken).ConfigureAwait(false);
            await CreateGrantAsync(s, Resource.Namespace(owner), Member.Of(principal), command.Role, actor, cancellationToken).ConfigureAwait(false);
            return principal;
        }, cancellationToken);
    }

    public Task<MembershipRecord> GrantRoleAsync(GrantRoleCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return TransactAsync(async s =>
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
                await KeepAnAdministratorAsync(s, resource, member, command.Member, actor, cancellationToken).ConfigureAwait(false);
            }

            var updated = await s.RowAsync(
                "identity/update-grant",
                cancellationToken,
                ("key", GrantKey(resource, member)),
                ("role", RoleNames.Format(command.Role)),
                ("at", Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            if (updated!.Long("updated") == 0)
            {
                await CreateGrantAsync(s, resource, member, command.Role, actor, cancellationToken).ConfigureAwait(false);
            }

            // Who may do what in a registry is part of its history.
            var previous = updated.NullableString("previous") is { } role ? RoleNames.Parse(role) : (Role?)null;
            if (resource.IsRegistry && RegistryRules.Granted(command.Member, command.Role, previous) is { } granted)
            {
                await AppendEventAsync(s, new AliasScope(AuditTargetKind.Registry, resource.Id, command.Resource), granted, actor, cancellationToken).ConfigureAwait(false);
            }

            return new MembershipRecord(command.Member, member.Kind, command.Role, _time.GetUtcNow(), actor.Name);
        }, cancellationToken);
    }

    public Task<bool> RevokeRoleAsync(RevokeRoleCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return TransactAsync(async s =>
        {
            var resource = await RequireResourceAsync(s, command.Resource, actor.Access, administer: true, cancellationToken).ConfigureAwait(false);
            var member = await RequireMemberAsync(s, command.Member, cancellationToken).ConfigureAwait(false);
            await KeepAnAdministratorAsync(s, resource, member, command.Member, actor, cancellationToken).ConfigureAwait(false);
            var removed = await s.RowAsync("identity/delete-grant", cancellationToken, ("key", GrantKey(resource, member))).ConfigureAwait(false);
            if (removed!.Long("removed") == 0)
            {
                return false;
            }

            if (resource.IsRegistry)
            {
                await AppendEventAsync(
                    s, new AliasScope(AuditTargetKind.Registry, resource.Id, command.Resource), RegistryRules.Revoked(command.Member, RoleNames.Parse(removed.String("role"))), actor, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    public Task<RegistryRecord> CreateRegistryAsync(CreateRegistryCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireName(command.Name, "registry name");
        var protectedAliases = IdentityRules.ProtectedAliases(command.ProtectedAliases ?? []).ToArray();
        return TransactAsync(async s =>
        {
            var owner = await RequireNamespaceAsync(s, command.Owner, actor.Access, Permission.AdministerNamespace, cancellationToken).ConfigureAwait(false);
            var path = $"{owner.Name}/{command.Name}";
            var kinds = await s.RowAsync("identity/path-kind", cancellationToken, ("path", path)).ConfigureAwait(false);
            IdentityRules.RequireFreeRegistryPath(path, kinds!.Bool("project"), kinds.Bool("registry"));

            var row = await s.RowAsync(
                "identity/create-registry",
                cancellationToken,
                ("namespaceId", owner.Id),
                ("namespace", owner.Name),
                ("name", command.Name),
                ("path", path),
                ("visibility", command.Visibility.ToString().ToUpperInvariant()),
                ("protectedAliases", protectedAliases),
                ("at", Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            foreach (var entry in RegistryRules.Created(command.Visibility, protectedAliases))
            {
                await AppendEventAsync(s, new AliasScope(AuditTargetKind.Registry, row!.Long("id"), path), entry, actor, cancellationToken).ConfigureAwait(false);
            }

            return (await LoadRegistriesAsync(s, [row!.Long("id")], cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<RegistryRecord> UpdateRegistryAsync(UpdateRegistryCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return TransactAsync(async s =>
        {
            var registry = await RequireRegistryAsync(s, command.Registry, actor.Access, Permission.AdministerRegistry, cancellationToken).ConfigureAwait(false);
            var visibility = command.Visibility ?? registry.Visibility;
            var protectedAliases = IdentityRules.ProtectedAliases(command.ProtectedAliases ?? registry.ProtectedAliases);
            await s.RunAsync(
                "identity/update-registry",
                cancellationToken,
                ("id", registry.Id),
                ("visibility", visibility.ToString().ToUpperInvariant()),
                ("protectedAliases", protectedAliases.ToArray())).ConfigureAwait(false);
            foreach (var entry in RegistryRules.Updated(registry, visibility, protectedAliases))
            {
                await AppendEventAsync(s, new AliasScope(AuditTargetKind.Registry, registry.Id, registry.Path), entry, actor, cancellationToken).ConfigureAwait(false);
            }
            return (await LoadRegistriesAsync(s, [registry.Id], cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<ApiKeyRecord> CreateApiKeyAsync(CreateApiKeyCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.CheckCreateApiKey(command, _time.GetUtcNow());

        return TransactAsync(async s =>
        {
            var principal = await RequireKeyManagerAsync(s, command.Principal, actor, cancellationToken).ConfigureAwait(false);
            var active = (await s.RowAsync("identity/count-active-keys", cancellationToken, ("principalId", principal.Id), ("now", Now())).ConfigureAwait(false))!.Long("active");
            IdentityRules.RequireRoomForKey(principal, active);

            await CreateKeyNodeAsync(s, command.KeyId, [.. command.SecretHash], principal, command.Name, "API", command.ExpiresAt, actor, cancellationToken).ConfigureAwait(false);
            return await LoadKeyAsync(s, command.KeyId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the key just stored is missing");
        }, cancellationToken);
    }

    public Task<ApiKeyRecord> RevokeApiKeyAsync(string keyId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(actor);
        return TransactAsync(async s =>
        {
            var key = await LoadKeyAsync(s, keyId, cancellationToken).ConfigureAwait(false) ?? throw Missing.ApiKey(keyId);
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

            await s.RunAsync("identity/revoke-key", cancellationToken, ("id", keyId), ("at", Now()), ("by", actor.Name)).ConfigureAwait(false);
            return (await LoadKeyAsync(s, keyId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task<PrincipalRecord?> FindPrincipalAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(s => FindPrincipalAsync(s, id, cancellationToken), cancellationToken);

    public async Task<NamespaceRecord?> FindNamespaceAsync(string name, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var found = await ReadAsync(s => FindNamespaceAsync(s, name, cancellationToken), cancellationToken).ConfigureAwait(false);
        return found is not null && access.CanSeeNamespace(found.Id) ? found : null;
    }

    public async Task<RegistryRecord?> FindRegistryAsync(string path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var parsed = ProjectPath.Parse(path, "registry path");
        var found = await ReadAsync(s => FindRegistryAsync(s, parsed, cancellationToken), cancellationToken).ConfigureAwait(false);
        return found is not null && access.CanSeeRegistry(found.Id) ? found : null;
    }

    public Task<Page<NamespaceRecord>> GetNamespacesAsync(Access access, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(page);
        return ReadAsync(async s =>
        {
            var rows = await s.QueryAsync(
                "identity/namespaces-page",
                r => new PageItem<NamespaceRecord>(Records.Namespace(r["namespace"]), r["namespace"].GetProperty("id").GetInt64()),
                cancellationToken,
                ("visible", access.VisibleNamespaces?.ToArray()),
                ("after", page.AfterKey),
                ("limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }, cancellationToken);
    }

    public Task<int> CountNamespacesAsync(Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        return ReadAsync(
            async s => (int)(await s.RowAsync("identity/namespaces-count", cancellationToken, ("visible", access.VisibleNamespaces?.ToArray())).ConfigureAwait(false))!.Long("count"),
            cancellationToken);
    }

    public Task<IReadOnlyList<RegistryRecord>> GetRegistriesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<RegistryRecord>>(async s => await LoadRegistriesAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<Page<MembershipRecord>> GetMembersAsync(string resource, Access access, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return ReadAsync(async s =>
        {
            var found = await RequireResourceAsync(s, resource, access, administer: false, cancellationToken).ConfigureAwait(false);
            var rows = await s.QueryAsync(
                "identity/members-page",
                r => new PageItem<MembershipRecord>(Records.Membership(r["grant"]), Cypher.Long(r["grant"], "seq")),
                cancellationToken,
                ("resourceKind", found.KindName),
                ("resourceId", found.Id),
                ("after", page.AfterKey),
                ("limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }, cancellationToken);
    }

    public Task<int> CountMembersAsync(string resource, Access access, CancellationToken cancellationToken) =>
        ReadAsync(async s =>
        {
            var found = await RequireResourceAsync(s, resource, access, administer: false, cancellationToken).ConfigureAwait(false);
            var row = await s.RowAsync("identity/members-count", cancellationToken, ("resourceKind", found.KindName), ("resourceId", found.Id)).ConfigureAwait(false);
            return (int)row!.Long("count");
        }, cancellationToken);

    public Task<Page<ApiKeyRecord>> GetApiKeysAsync(string principal, bool includeRevoked, Actor actor, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(page);
        return ReadAsync(async s =>
        {
            var owner = await RequireKeyManagerAsync(s, principal, actor, cancellationToken).ConfigureAwait(false);
            // Newest first: the cursor key counts down, and 0 means "from the start".
            var rows = await s.QueryAsync(
                "identity/keys-page",
                r => new PageItem<ApiKeyRecord>(Records.Key(r["key"]), Cypher.Long(r["key"], "seq")),
                cancellationToken,
                ("principalId", owner.Id),
                ("all", includeRevoked),
                ("after", page.AfterKey),
                ("limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }, cancellationToken);
    }

    public Task<int> CountApiKeysAsync(string principal, bool includeRevoked, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ReadAsync(async s =>
        {
            var owner = await RequireKeyManagerAsync(s, principal, actor, cancellationToken).ConfigureAwait(false);
            var row = await s.RowAsync("identity/keys-count", cancellationToken, ("principalId", owner.Id), ("all", includeRevoked)).ConfigureAwait(false);
            return (int)row!.Long("count");
        }, cancellationToken);
    }

    // ---- helpers --------------------------------------------------------------------------

    /// <summary>
    /// A namespace's only ADMIN grant may not be taken away or lowered, except by a site
    /// administrator: nobody else could manage the namespace afterwards.
    /// </summary>
    private static async Task KeepAnAdministratorAsync(
        Neo4jSession s, Resource resource, Member member, string memberName, Actor actor, CancellationToken cancellationToken)
    {
        if (resource.IsRegistry || actor.IsAdministrator)
        {
            return;
        }

        var row = await s.RowAsync("identity/admin-grants", cancellationToken, ("namespaceId", resource.Id), ("key", GrantKey(resource, member))).ConfigureAwait(false);
        IdentityRules.KeepAnAdministrator(row!.Long("held") > 0, row.Long("admins"), memberName);
    }

    /// <summary>Names are shared by principals and namespaces, so that a member is never ambiguous.</summary>
    private static async Task RequireFreeNameAsync(Neo4jSession s, string name, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("identity/name-taken", cancellationToken, ("name", name)).ConfigureAwait(false);
        if (row!.Bool("taken"))
        {
            throw IdentityRules.NameTaken(name);
        }
    }

    private async Task<NamespaceRecord> CreateNamespaceNodeAsync(
        Neo4jSession s, string name, NamespaceKind kind, long? organizationId, string? organization, Actor actor, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync(
            "identity/create-namespace",
            cancellationToken,
            ("name", name),
            ("kind", kind.ToString().ToUpperInvariant()),
            ("organizationId", organizationId),
            ("organization", organization),
            ("at", Now()),
            ("by", actor.Name)).ConfigureAwait(false);
        return Records.Namespace(row!["namespace"]);
    }

    private async Task<PrincipalRecord> CreateUserNodesAsync(Neo4jSession s, string name, bool isAdministrator, Actor actor, CancellationToken cancellationToken)
    {
        await RequireFreeNameAsync(s, name, cancellationToken).ConfigureAwait(false);
        var home = await CreateNamespaceNodeAsync(s, name, NamespaceKind.User, null, null, actor, cancellationToken).ConfigureAwait(false);
        var principal = await CreatePrincipalNodeAsync(s, name, PrincipalKind.User, isAdministrator, home, actor, cancellationToken).ConfigureAwait(false);
        await CreateGrantAsync(s, Resource.Namespace(home), Member.Of(principal), Role.Admin, actor, cancellationToken).ConfigureAwait(false);
        return principal;
    }

    private async Task<PrincipalRecord> CreatePrincipalNodeAsync(
        Neo4jSession s, string name, PrincipalKind kind, bool isAdministrator, NamespaceRecord? home, Actor actor, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync(
            "identity/create-principal",
            cancellationToken,
            ("name", name),
            ("kind", kind == PrincipalKind.User ? "USER" : "SERVICE_ACCOUNT"),
            ("isAdministrator", isAdministrator),
            ("homeNamespaceId", home?.Id),
            ("homeNamespace", home?.Name),
            ("at", Now()),
            ("by", actor.Name)).ConfigureAwait(false);
        return Records.Principal(row!["principal"]);
    }

    private async Task CreateGrantAsync(Neo4jSession s, Resource resource, Member member, Role role, Actor actor, CancellationToken cancellationToken) =>
        await s.RunAsync(
            "identity/create-grant",
            cancellationToken,
            ("key", GrantKey(resource, member)),
            ("resourceKind", resource.KindName),
            ("resourceId", resource.Id),
            ("principalId", member.Kind == MemberKind.Team ? null : member.Id),
            ("teamId", member.Kind == MemberKind.Team ? member.Id : null),
            ("memberName", member.Name),
            ("memberKind", member.KindName),
            ("role", RoleNames.Format(role)),
            ("at", Now()),
            ("by", actor.Name)).ConfigureAwait(false);

    private async Task CreateKeyNodeAsync(
        Neo4jSession s, string id, byte[] hash, PrincipalRecord principal, string name, string source, DateTimeOffset? expires, Actor actor, CancellationToken cancellationToken) =>
        await s.RunAsync(
            "identity/create-key",
            cancellationToken,
            ("id", id),
            ("principalId", principal.Id),
            ("principalName", principal.Name),
            ("name", name),
            ("hash", Convert.ToBase64String(hash)),
            ("source", source),
            ("expiresAt", expires is { } e ? Cypher.FormatTime(e) : null),
            ("at", Now()),
            ("by", actor.Name)).ConfigureAwait(false);

    /// <summary>The principal whose keys <paramref name="actor"/> wants to manage, if it may (see <see cref="IdentityRules.RequireKeyManager"/>).</summary>
    private static async Task<PrincipalRecord> RequireKeyManagerAsync(Neo4jSession s, string name, Actor actor, CancellationToken cancellationToken) =>
        IdentityRules.RequireKeyManager(await FindPrincipalAsync(s, name, cancellationToken).ConfigureAwait(false), name, actor);

    private static async Task<PrincipalRecord?> FindPrincipalAsync(Neo4jSession s, string name, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("identity/principal-by-name", cancellationToken, ("name", name)).ConfigureAwait(false);
        return row is null ? null : Records.Principal(row["principal"]);
    }

    private static async Task<PrincipalRecord?> FindPrincipalAsync(Neo4jSession s, long id, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("identity/principal-by-id", cancellationToken, ("id", id)).ConfigureAwait(false);
        return row is null ? null : Records.Principal(row["principal"]);
    }

    private static async Task<NamespaceRecord?> FindNamespaceAsync(Neo4jSession s, string name, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("identity/namespace-by-name", cancellationToken, ("name", name)).ConfigureAwait(false);
        return row is null ? null : Records.Namespace(row["namespace"]);
    }

    private static async Task<RegistryRecord?> FindRegistryAsync(Neo4jSession s, ProjectPath path, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("identity/registry-by-path", cancellationToken, ("path", path.ToString())).ConfigureAwait(false);
        return row is null ? null : Records.Registry(row["registry"]);
    }

    private static async Task<NamespaceRecord> RequireNamespaceAsync(
        Neo4jSession s, string name, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var found = await FindNamespaceAsync(s, name, cancellationToken).ConfigureAwait(false) ?? throw Missing.Namespace(name);
        access.RequireNamespace(found.Id, found.Name, permission, Missing.Namespace(name).Message);
        return found;
    }

    private static async Task<RegistryRecord> RequireRegistryAsync(
        Neo4jSession s, string path, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var parsed = ProjectPath.Parse(path, "registry path");
        var found = await FindRegistryAsync(s, parsed, cancellationToken).ConfigureAwait(false) ?? throw Missing.Registry(parsed);
        access.RequireRegistry(found.Id, found.Path, permission, Missing.Registry(parsed).Message);
        return found;
    }

    /// <summary>A namespace (<c>acme</c>) or a registry (<c>acme/models</c>) that roles are granted on.</summary>
    private static async Task<Resource> RequireResourceAsync(
        Neo4jSession s, string resource, Access access, bool administer, CancellationToken cancellationToken)
    {
        if (resource is null || !resource.Contains('/', StringComparison.Ordinal))
        {
            var name = NameRules.RequireName(resource, "namespace");
            var found = await RequireNamespaceAsync(
                s, name, access, administer ? Permission.AdministerNamespace : Permission.ReadNamespace, cancellationToken).ConfigureAwait(false);
            return Resource.Namespace(found);
        }

        var registry = await RequireRegistryAsync(
            s, resource, access, administer ? Permission.AdministerRegistry : Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false);
        return new Resource(registry.Id, true, null);
    }

    private static async Task<Member> RequireMemberAsync(Neo4jSession s, string name, CancellationToken cancellationToken)
    {
        NameRules.RequireName(name, "member");
        if (await FindPrincipalAsync(s, name, cancellationToken).ConfigureAwait(false) is { } principal)
        {
            return Member.Of(principal);
        }

        var team = await FindNamespaceAsync(s, name, cancellationToken).ConfigureAwait(false);
        return team is { Kind: NamespaceKind.Team } ? new Member(team.Id, team.Name, MemberKind.Team) : throw Missing.Member(name);
    }

    private static Task<List<RegistryRecord>> LoadRegistriesAsync(Neo4jSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("identity/registries", r => Records.Registry(r["registry"]), cancellationToken, ("ids", ids.ToArray()));

    private static async Task<ApiKeyRecord?> LoadKeyAsync(Neo4jSession s, string id, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("identity/key-by-id", cancellationToken, ("id", id)).ConfigureAwait(false);
        return row is null ? null : Records.Key(row["key"]);
    }

    private static string GrantKey(Resource resource, Member member) =>
        $"{resource.KindName}:{resource.Id}:{(member.Kind == MemberKind.Team ? "T" : "P")}:{member.Id}";

    /// <summary>A namespace or registry that roles are granted on.</summary>
    private readonly record struct Resource(long Id, bool IsRegistry, NamespaceKind? Kind)
    {
        public string KindName => IsRegistry ? "REGISTRY" : "NAMESPACE";

        public static Resource Namespace(NamespaceRecord found) => new(found.Id, false, found.Kind);
    }

    /// <summary>A principal or team that roles are granted to.</summary>
    private readonly record struct Member(long Id, string Name, MemberKind Kind)
    {
        public string KindName => Kind switch
        {
            MemberKind.Team => "TEAM",
            MemberKind.User => "USER",
            _ => "SERVICE_ACCOUNT",
        };

        public static Member Of(PrincipalRecord principal) =>
            new(principal.Id, principal.Name, principal.Kind == PrincipalKind.User ? MemberKind.User : MemberKind.ServiceAccount);
    }
}
