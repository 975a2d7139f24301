using System.Text.Json;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;
using Lineage.Store.Rules;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore : IIdentityStore
{
    private const string PrincipalColumns = "pr.id, pr.name, pr.kind, pr.is_administrator, pr.home_namespace_id, hn.name, pr.created_at, pr.created_by";
    private const string PrincipalJoins = "LEFT JOIN namespaces hn ON hn.id = pr.home_namespace_id";
    private const string NamespaceColumns = "n.id, n.name, n.kind, n.organization_id, o.name, n.created_at, n.created_by";
    private const string NamespaceJoins = "LEFT JOIN namespaces o ON o.id = n.organization_id";
    private const string RegistryColumns = "g.id, g.namespace_id, n.name, g.name, g.visibility, g.created_at, g.created_by, g.protected_aliases";
    private const string RegistryJoins = "JOIN namespaces n ON n.id = g.namespace_id";
    private const string KeyColumns = "k.id, k.principal_id, pr.name, k.name, k.created_at, k.created_by, k.expires_at, k.revoked_at, k.revoked_by";

    public Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _database.ReadAsync(async s =>
        {
            var rows = await s.QueryAsync(
                $"SELECT {KeyColumns}, k.secret_hash, {PrincipalColumns} FROM api_keys k JOIN principals pr ON pr.id = k.principal_id {PrincipalJoins} WHERE k.id = $id",
                r => (Key: ReadKey(r, 0), Hash: (byte[])r.GetValue(9), Principal: ReadPrincipal(r, 10)),
                cancellationToken,
                ("$id", keyId)).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return null;
            }

            var (key, hash, principal) = rows[0];
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
        return _database.WriteAsync(async s =>
        {
            var principal = await FindPrincipalAsync(s, name, cancellationToken).ConfigureAwait(false);
            var created = principal is null;
            if (principal is null)
            {
                // Namespaces made before identity existed may already use the name; the
                // administrator then simply has no namespace of its own.
                var taken = await s.ScalarAsync<long?>("SELECT id FROM namespaces WHERE name = $n", cancellationToken, ("$n", name)).ConfigureAwait(false);
                principal = taken is null
                    ? await InsertUserAsync(s, name, isAdministrator: true, system, cancellationToken).ConfigureAwait(false)
                    : await InsertPrincipalAsync(s, name, PrincipalKind.User, true, null, system, cancellationToken).ConfigureAwait(false);
            }
            else if (!principal.IsAdministrator)
            {
                await s.ExecuteAsync("UPDATE principals SET is_administrator = 1 WHERE id = $id", cancellationToken, ("$id", principal.Id)).ConfigureAwait(false);
                principal = principal with { IsAdministrator = true };
            }

            if (environmentKey is not null)
            {
                // The environment names exactly one valid key: the one it holds now.
                await s.ExecuteAsync(
                    "UPDATE api_keys SET revoked_at = $t, revoked_by = $by WHERE source = 'ENVIRONMENT' AND id <> $id AND revoked_at IS NULL",
                    cancellationToken, ("$t", Now()), ("$by", name), ("$id", environmentKey.Id)).ConfigureAwait(false);
                await s.ExecuteAsync(
                    """
                    INSERT INTO api_keys (id, principal_id, name, secret_hash, source, created_at, created_by)
                    VALUES ($id, $p, 'LINEAGE_ADMIN_KEY', $h, 'ENVIRONMENT', $t, $by)
                    ON CONFLICT (id) DO UPDATE SET principal_id = excluded.principal_id, secret_hash = excluded.secret_hash,
                        source = 'ENVIRONMENT', revoked_at = NULL, revoked_by = NULL, expires_at = NULL
                    """,
                    cancellationToken, ("$id", environmentKey.Id), ("$p", principal.Id), ("$h", environmentKey.Hash()), ("$t", Now()), ("$by", name)).ConfigureAwait(false);
            }
            else if (created)
            {
                await InsertKeyAsync(s, firstStartKey.Id, firstStartKey.Hash(), principal.Id, "first-start", "FIRST_START", null, system, cancellationToken).ConfigureAwait(false);
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
        return _database.WriteAsync(async s =>
        {
            await s.ExecuteAsync(
                "INSERT INTO server_secrets (name, value) VALUES ($n, $v) ON CONFLICT (name) DO NOTHING",
                cancellationToken, ("$n", name), ("$v", candidate)).ConfigureAwait(false);
            return (await s.QueryAsync("SELECT value FROM server_secrets WHERE name = $n", r => (byte[])r.GetValue(0), cancellationToken, ("$n", name)).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<PrincipalRecord> CreateUserAsync(CreateUserCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.RequireSiteAdministrator(actor, "creating users");
        NameRules.RequireName(command.Name, "user name");
        return _database.WriteAsync(
            s => InsertUserAsync(s, command.Name, command.IsAdministrator, actor, cancellationToken),
            cancellationToken);
    }

    public Task<NamespaceRecord> CreateNamespaceAsync(CreateNamespaceCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.CheckCreateNamespace(command, actor);
        return _database.WriteAsync(async s =>
        {
            long? organizationId = null;
            if (command.Organization is { } organization)
            {
                var parent = await FindNamespaceAsync(s, organization, cancellationToken).ConfigureAwait(false);
                organizationId = IdentityRules.RequireOrganization(parent, organization, actor.Access).Id;
            }

            await RequireFreeNameAsync(s, command.Name, cancellationToken).ConfigureAwait(false);
            var id = await s.ScalarAsync<long>(
                "INSERT INTO namespaces (name, kind, organization_id, created_at, created_by) VALUES ($n, $k, $o, $t, $by) RETURNING id",
                cancellationToken,
                ("$n", command.Name),
                ("$k", command.Kind.ToString().ToUpperInvariant()),
                ("$o", organizationId),
                ("$t", Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
            if (actor is { PrincipalId: { } creator, IsAdministrator: false })
            {
                await InsertGrantAsync(s, "namespace_grants", "namespace_id", id, creator, null, Role.Admin, actor, cancellationToken).ConfigureAwait(false);
            }

            return (await FindNamespaceAsync(s, command.Name, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task<PrincipalRecord> CreateServiceAccountAsync(CreateServiceAccountCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireName(command.Name, "service account name");
        IdentityRules.RequireNamespaceRole(command.Role);
        return _database.WriteAsync(async s =>
        {
            var owner = await RequireNamespaceAsync(s, command.Namespace, actor.Access, Permission.AdministerNamespace, cancellationToken).ConfigureAwait(false);
            await RequireFreeNameAsync(s, command.Name, cancellationToken).ConfigureAwait(false);
            var principal = await InsertPrincipalAsync(s, command.Name, PrincipalKind.ServiceAccount, false, owner.Id, actor, cancellationToken).ConfigureAwait(false);
            await InsertGrantAsync(s, "namespace_grants", "namespace_id", owner.Id, principal.Id, null, command.Role, actor, cancellationToken).ConfigureAwait(false);
            return principal;
        }, cancellationToken);
    }

    public Task<MembershipRecord> GrantRoleAsync(GrantRoleCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(async s =>
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

            var previous = await s.ScalarAsync<string?>(
                $"SELECT role FROM {resource.Grants} WHERE {resource.Column} = $res AND {member.Column} = $m",
                cancellationToken, ("$res", resource.Id), ("$m", member.Id)).ConfigureAwait(false);
            var updated = await s.ExecuteAsync(
                $"UPDATE {resource.Grants} SET role = $r, created_at = $t, created_by = $by WHERE {resource.Column} = $res AND {member.Column} = $m",
                cancellationToken,
                ("$r", RoleNames.Format(command.Role)),
                ("$t", Now()),
                ("$by", actor.Name),
                ("$res", resource.Id),
                ("$m", member.Id)).ConfigureAwait(false);
            if (updated == 0)
            {
                var (principalId, teamId) = member.Kind == MemberKind.Team ? ((long?)null, (long?)member.Id) : (member.Id, null);
                await InsertGrantAsync(s, resource.Grants, resource.Column, resource.Id, principalId, teamId, command.Role, actor, cancellationToken).ConfigureAwait(false);
            }

            // Who may do what in a registry is part of its history.
            if (resource.IsRegistry && RegistryRules.Granted(command.Member, command.Role, previous is null ? null : RoleNames.Parse(previous)) is { } granted)
            {
                await AppendEventAsync(s, AuditTargetKind.Registry, resource.Id, command.Resource, granted, actor, cancellationToken).ConfigureAwait(false);
            }

            return new MembershipRecord(command.Member, member.Kind, command.Role, _time.GetUtcNow(), actor.Name);
        }, cancellationToken);
    }

    public Task<bool> RevokeRoleAsync(RevokeRoleCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(async s =>
        {
            var resource = await RequireResourceAsync(s, command.Resource, actor.Access, administer: true, cancellationToken).ConfigureAwait(false);
            var member = await RequireMemberAsync(s, command.Member, cancellationToken).ConfigureAwait(false);
            await KeepAnAdministratorAsync(s, resource, member, command.Member, actor, cancellationToken).ConfigureAwait(false);
            var removed = await s.ScalarAsync<string?>(
                $"DELETE FROM {resource.Grants} WHERE {resource.Column} = $res AND {member.Column} = $m RETURNING role",
                cancellationToken, ("$res", resource.Id), ("$m", member.Id)).ConfigureAwait(false);
            if (removed is not null && resource.IsRegistry)
            {
                await AppendEventAsync(
                    s, AuditTargetKind.Registry, resource.Id, command.Resource, RegistryRules.Revoked(command.Member, RoleNames.Parse(removed)), actor, cancellationToken).ConfigureAwait(false);
            }

            return removed is not null;
        }, cancellationToken);
    }

    public Task<RegistryRecord> CreateRegistryAsync(CreateRegistryCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        NameRules.RequireName(command.Name, "registry name");
        var protectedAliases = IdentityRules.ProtectedAliases(command.ProtectedAliases ?? []);
        return _database.WriteAsync(async s =>
        {
            var owner = await RequireNamespaceAsync(s, command.Owner, actor.Access, Permission.AdministerNamespace, cancellationToken).ConfigureAwait(false);
            var path = $"{owner.Name}/{command.Name}";
            IdentityRules.RequireFreeRegistryPath(
                path,
                isProject: await s.ScalarAsync<long?>(
                    "SELECT id FROM projects WHERE namespace_id = $ns AND name = $n", cancellationToken, ("$ns", owner.Id), ("$n", command.Name)).ConfigureAwait(false) is not null,
                isRegistry: await s.ScalarAsync<long?>(
                    "SELECT id FROM registries WHERE namespace_id = $ns AND name = $n", cancellationToken, ("$ns", owner.Id), ("$n", command.Name)).ConfigureAwait(false) is not null);

            var id = await s.ScalarAsync<long>(
                """
                INSERT INTO registries (namespace_id, name, visibility, protected_aliases, created_at, created_by)
                VALUES ($ns, $n, $v, $protected, $t, $by) RETURNING id
                """,
                cancellationToken,
                ("$ns", owner.Id),
                ("$n", command.Name),
                ("$v", command.Visibility.ToString().ToUpperInvariant()),
                ("$protected", JsonSerializer.Serialize(protectedAliases)),
                ("$t", Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
            foreach (var entry in RegistryRules.Created(command.Visibility, protectedAliases))
            {
                await AppendEventAsync(s, AuditTargetKind.Registry, id, path, entry, actor, cancellationToken).ConfigureAwait(false);
            }

            return (await LoadRegistriesAsync(s, [id], cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<RegistryRecord> UpdateRegistryAsync(UpdateRegistryCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(async s =>
        {
            var registry = await RequireRegistryAsync(s, command.Registry, actor.Access, Permission.AdministerRegistry, cancellationToken).ConfigureAwait(false);
            var visibility = command.Visibility ?? registry.Visibility;
            var protectedAliases = IdentityRules.ProtectedAliases(command.ProtectedAliases ?? registry.ProtectedAliases);
            await s.ExecuteAsync(
                "UPDATE registries SET visibility = $v, protected_aliases = $protected WHERE id = $id",
                cancellationToken,
                ("$v", visibility.ToString().ToUpperInvariant()),
                ("$protected", JsonSerializer.Serialize(protectedAliases)),
                ("$id", registry.Id)).ConfigureAwait(false);
            foreach (var entry in RegistryRules.Updated(registry, visibility, protectedAliases))
            {
                await AppendEventAsync(s, AuditTargetKind.Registry, registry.Id, registry.Path, entry, actor, cancellationToken).ConfigureAwait(false);
            }
            return (await LoadRegistriesAsync(s, [registry.Id], cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    public Task<ApiKeyRecord> CreateApiKeyAsync(CreateApiKeyCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        IdentityRules.CheckCreateApiKey(command, _time.GetUtcNow());

        return _database.WriteAsync(async s =>
        {
            var principal = await RequireKeyManagerAsync(s, command.Principal, actor, cancellationToken).ConfigureAwait(false);
            var active = await s.ScalarAsync<long>(
                "SELECT COUNT(*) FROM api_keys WHERE principal_id = $p AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $now)",
                cancellationToken, ("$p", principal.Id), ("$now", Now())).ConfigureAwait(false);
            IdentityRules.RequireRoomForKey(principal, active);

            await InsertKeyAsync(s, command.KeyId, [.. command.SecretHash], principal.Id, command.Name, "API", command.ExpiresAt, actor, cancellationToken).ConfigureAwait(false);
            return await LoadKeyAsync(s, command.KeyId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the key just stored is missing");
        }, cancellationToken);
    }

    public Task<ApiKeyRecord> RevokeApiKeyAsync(string keyId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(actor);
        return _database.WriteAsync(async s =>
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

            await s.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = $t, revoked_by = $by WHERE id = $id",
                cancellationToken, ("$t", Now()), ("$by", actor.Name), ("$id", keyId)).ConfigureAwait(false);
            return (await LoadKeyAsync(s, keyId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task<PrincipalRecord?> FindPrincipalAsync(long id, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            async s => (await s.QueryAsync(
                $"SELECT {PrincipalColumns} FROM principals pr {PrincipalJoins} WHERE pr.id = $id",
                r => ReadPrincipal(r, 0),
                cancellationToken,
                ("$id", id)).ConfigureAwait(false)).FirstOrDefault(),
            cancellationToken);

    public async Task<NamespaceRecord?> FindNamespaceAsync(string name, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var found = await _database.ReadAsync(s => FindNamespaceAsync(s, name, cancellationToken), cancellationToken).ConfigureAwait(false);
        return found is not null && access.CanSeeNamespace(found.Id) ? found : null;
    }

    public async Task<RegistryRecord?> FindRegistryAsync(string path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var parsed = ProjectPath.Parse(path, "registry path");
        var found = await _database.ReadAsync(s => FindRegistryAsync(s, parsed, cancellationToken), cancellationToken).ConfigureAwait(false);
        return found is not null && access.CanSeeRegistry(found.Id) ? found : null;
    }

    public Task<Page<NamespaceRecord>> GetNamespacesAsync(Access access, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(page);
        return _database.ReadAsync(async s =>
        {
            var rows = await s.QueryAsync(
                $"SELECT {NamespaceColumns} FROM namespaces n {NamespaceJoins} WHERE n.id > $after AND {Rows.Visible(access, "n.id")} ORDER BY n.id LIMIT $limit",
                r => new PageItem<NamespaceRecord>(ReadNamespace(r), r.GetInt64(0)),
                cancellationToken,
                ("$after", page.AfterKey),
                ("$limit", page.First + 1),
                Rows.VisibleParameter(access)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }, cancellationToken);
    }

    public Task<int> CountNamespacesAsync(Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        return _database.ReadAsync(
            async s => (int)await s.ScalarAsync<long>(
                $"SELECT COUNT(*) FROM namespaces n WHERE {Rows.Visible(access, "n.id")}", cancellationToken, Rows.VisibleParameter(access)).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<IReadOnlyList<RegistryRecord>> GetRegistriesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<RegistryRecord>>(async s => await LoadRegistriesAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<Page<MembershipRecord>> GetMembersAsync(string resource, Access access, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return _database.ReadAsync(async s =>
        {
            var found = await RequireResourceAsync(s, resource, access, administer: false, cancellationToken).ConfigureAwait(false);
            var rows = await s.QueryAsync(
                $"""
                SELECT g.seq, COALESCE(pr.name, t.name), CASE WHEN g.team_id IS NOT NULL THEN 'TEAM' ELSE pr.kind END, g.role, g.created_at, g.created_by
                FROM {found.Grants} g
                LEFT JOIN principals pr ON pr.id = g.principal_id
                LEFT JOIN namespaces t ON t.id = g.team_id
                WHERE g.{found.Column} = $res AND g.seq > $after
                ORDER BY g.seq LIMIT $limit
                """,
                r => new PageItem<MembershipRecord>(
                    new MembershipRecord(r.GetString(1), ParseMemberKind(r.GetString(2)), RoleNames.Parse(r.GetString(3)), Time.Parse(r.GetString(4)), r.GetString(5)),
                    r.GetInt64(0)),
                cancellationToken,
                ("$res", found.Id),
                ("$after", page.AfterKey),
                ("$limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }, cancellationToken);
    }

    public Task<int> CountMembersAsync(string resource, Access access, CancellationToken cancellationToken) =>
        _database.ReadAsync(async s =>
        {
            var found = await RequireResourceAsync(s, resource, access, administer: false, cancellationToken).ConfigureAwait(false);
            return (int)await s.ScalarAsync<long>($"SELECT COUNT(*) FROM {found.Grants} WHERE {found.Column} = $res", cancellationToken, ("$res", found.Id)).ConfigureAwait(false);
        }, cancellationToken);

    public Task<Page<ApiKeyRecord>> GetApiKeysAsync(string principal, bool includeRevoked, Actor actor, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(page);
        return _database.ReadAsync(async s =>
        {
            var owner = await RequireKeyManagerAsync(s, principal, actor, cancellationToken).ConfigureAwait(false);
            // Newest first: the cursor key counts down, and 0 means "from the start".
            var rows = await s.QueryAsync(
                $"""
                SELECT {KeyColumns}, k.seq FROM api_keys k JOIN principals pr ON pr.id = k.principal_id
                WHERE k.principal_id = $p AND ($after = 0 OR k.seq < $after) AND ($all OR k.revoked_at IS NULL)
                ORDER BY k.seq DESC LIMIT $limit
                """,
                r => new PageItem<ApiKeyRecord>(ReadKey(r, 0), r.GetInt64(9)),
                cancellationToken,
                ("$p", owner.Id),
                ("$after", page.AfterKey),
                ("$all", includeRevoked),
                ("$limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }, cancellationToken);
    }

    public Task<int> CountApiKeysAsync(string principal, bool includeRevoked, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return _database.ReadAsync(async s =>
        {
            var owner = await RequireKeyManagerAsync(s, principal, actor, cancellationToken).ConfigureAwait(false);
            return (int)await s.ScalarAsync<long>(
                "SELECT COUNT(*) FROM api_keys WHERE principal_id = $p AND ($all OR revoked_at IS NULL)",
                cancellationToken, ("$p", owner.Id), ("$all", includeRevoked)).ConfigureAwait(false);
        }, cancellationToken);
    }

    // ---- helpers --------------------------------------------------------------------------

    /// <summary>
    /// A namespace's only ADMIN grant may not be taken away or lowered, except by a site
    /// administrator: nobody else could manage the namespace afterwards. Registries always keep
    /// the ADMINs of their owner.
    /// </summary>
    private static async Task KeepAnAdministratorAsync(
        SqliteSession s, Resource resource, Member member, string memberName, Actor actor, CancellationToken cancellationToken)
    {
        if (resource.IsRegistry || actor.IsAdministrator)
        {
            return;
        }

        var holdsAdmin = await s.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM namespace_grants WHERE namespace_id = $ns AND {member.Column} = $m AND role = 'ADMIN'",
            cancellationToken, ("$ns", resource.Id), ("$m", member.Id)).ConfigureAwait(false);
        var admins = await s.ScalarAsync<long>(
            "SELECT COUNT(*) FROM namespace_grants WHERE namespace_id = $ns AND role = 'ADMIN'",
            cancellationToken, ("$ns", resource.Id)).ConfigureAwait(false);
        IdentityRules.KeepAnAdministrator(holdsAdmin > 0, admins, memberName);
    }

    /// <summary>Names are shared by principals and namespaces, so that a member is never ambiguous.</summary>
    private static async Task RequireFreeNameAsync(SqliteSession s, string name, CancellationToken cancellationToken)
    {
        var taken = await s.ScalarAsync<long>(
            "SELECT EXISTS (SELECT 1 FROM namespaces WHERE name = $n) OR EXISTS (SELECT 1 FROM principals WHERE name = $n)",
            cancellationToken, ("$n", name)).ConfigureAwait(false);
        if (taken != 0)
        {
            throw IdentityRules.NameTaken(name);
        }
    }

    private async Task<PrincipalRecord> InsertUserAsync(SqliteSession s, string name, bool isAdministrator, Actor actor, CancellationToken cancellationToken)
    {
        await RequireFreeNameAsync(s, name, cancellationToken).ConfigureAwait(false);
        var home = await s.ScalarAsync<long>(
            "INSERT INTO namespaces (name, kind, created_at, created_by) VALUES ($n, 'USER', $t, $by) RETURNING id",
            cancellationToken, ("$n", name), ("$t", Now()), ("$by", actor.Name)).ConfigureAwait(false);
        var principal = await InsertPrincipalAsync(s, name, PrincipalKind.User, isAdministrator, home, actor, cancellationToken).ConfigureAwait(false);
        await InsertGrantAsync(s, "namespace_grants", "namespace_id", home, principal.Id, null, Role.Admin, actor, cancellationToken).ConfigureAwait(false);
        return principal;
    }

    private async Task<PrincipalRecord> InsertPrincipalAsync(
        SqliteSession s, string name, PrincipalKind kind, bool isAdministrator, long? home, Actor actor, CancellationToken cancellationToken)
    {
        var id = await s.ScalarAsync<long>(
            """
            INSERT INTO principals (name, kind, is_administrator, home_namespace_id, created_at, created_by)
            VALUES ($n, $k, $a, $h, $t, $by) RETURNING id
            """,
            cancellationToken,
            ("$n", name),
            ("$k", kind == PrincipalKind.User ? "USER" : "SERVICE_ACCOUNT"),
            ("$a", isAdministrator),
            ("$h", home),
            ("$t", Now()),
            ("$by", actor.Name)).ConfigureAwait(false);
        return (await s.QueryAsync(
            $"SELECT {PrincipalColumns} FROM principals pr {PrincipalJoins} WHERE pr.id = $id",
            r => ReadPrincipal(r, 0),
            cancellationToken,
            ("$id", id)).ConfigureAwait(false))[0];
    }

    private async Task InsertGrantAsync(
        SqliteSession s, string table, string column, long resource, long? principal, long? team, Role role, Actor actor, CancellationToken cancellationToken) =>
        await s.ExecuteAsync(
            $"INSERT INTO {table} ({column}, principal_id, team_id, role, created_at, created_by) VALUES ($res, $p, $team, $r, $t, $by)",
            cancellationToken,
            ("$res", resource),
            ("$p", principal),
            ("$team", team),
            ("$r", RoleNames.Format(role)),
            ("$t", Now()),
            ("$by", actor.Name)).ConfigureAwait(false);

    private async Task InsertKeyAsync(
        SqliteSession s, string id, byte[] hash, long principal, string name, string source, DateTimeOffset? expires, Actor actor, CancellationToken cancellationToken) =>
        await s.ExecuteAsync(
            """
            INSERT INTO api_keys (id, principal_id, name, secret_hash, source, created_at, created_by, expires_at)
            VALUES ($id, $p, $n, $h, $src, $t, $by, $exp)
            """,
            cancellationToken,
            ("$id", id),
            ("$p", principal),
            ("$n", name),
            ("$h", hash),
            ("$src", source),
            ("$t", Now()),
            ("$by", actor.Name),
            ("$exp", expires is { } e ? Time.Format(e) : null)).ConfigureAwait(false);

    /// <summary>The principal whose keys <paramref name="actor"/> wants to manage, if it may (see <see cref="IdentityRules.RequireKeyManager"/>).</summary>
    private static async Task<PrincipalRecord> RequireKeyManagerAsync(SqliteSession s, string name, Actor actor, CancellationToken cancellationToken) =>
        IdentityRules.RequireKeyManager(await FindPrincipalAsync(s, name, cancellationToken).ConfigureAwait(false), name, actor);

    private static async Task<PrincipalRecord?> FindPrincipalAsync(SqliteSession s, string name, CancellationToken cancellationToken) =>
        (await s.QueryAsync(
            $"SELECT {PrincipalColumns} FROM principals pr {PrincipalJoins} WHERE pr.name = $n",
            r => ReadPrincipal(r, 0),
            cancellationToken,
            ("$n", name)).ConfigureAwait(false)).FirstOrDefault();

    private static async Task<NamespaceRecord?> FindNamespaceAsync(SqliteSession s, string name, CancellationToken cancellationToken) =>
        (await s.QueryAsync(
            $"SELECT {NamespaceColumns} FROM namespaces n {NamespaceJoins} WHERE n.name = $n",
            ReadNamespace,
            cancellationToken,
            ("$n", name)).ConfigureAwait(false)).FirstOrDefault();

    private static async Task<RegistryRecord?> FindRegistryAsync(SqliteSession s, ProjectPath path, CancellationToken cancellationToken) =>
        (await s.QueryAsync(
            $"SELECT {RegistryColumns} FROM registries g {RegistryJoins} WHERE n.name = $ns AND g.name = $n",
            ReadRegistry,
            cancellationToken,
            ("$ns", path.Namespace),
            ("$n", path.Project)).ConfigureAwait(false)).FirstOrDefault();

    private static async Task<NamespaceRecord> RequireNamespaceAsync(
        SqliteSession s, string name, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var found = await FindNamespaceAsync(s, name, cancellationToken).ConfigureAwait(false) ?? throw Missing.Namespace(name);
        access.RequireNamespace(found.Id, found.Name, permission, Missing.Namespace(name).Message);
        return found;
    }

    private static async Task<RegistryRecord> RequireRegistryAsync(
        SqliteSession s, string path, Access access, Permission permission, CancellationToken cancellationToken)
    {
        var parsed = ProjectPath.Parse(path, "registry path");
        var found = await FindRegistryAsync(s, parsed, cancellationToken).ConfigureAwait(false) ?? throw Missing.Registry(parsed);
        access.RequireRegistry(found.Id, found.Path, permission, Missing.Registry(parsed).Message);
        return found;
    }

    /// <summary>A namespace (<c>acme</c>) or a registry (<c>acme/models</c>) that roles are granted on.</summary>
    private static async Task<Resource> RequireResourceAsync(
        SqliteSession s, string resource, Access access, bool administer, CancellationToken cancellationToken)
    {
        if (resource is null || !resource.Contains('/', StringComparison.Ordinal))
        {
            var name = NameRules.RequireName(resource, "namespace");
            var found = await RequireNamespaceAsync(
                s, name, access, administer ? Permission.AdministerNamespace : Permission.ReadNamespace, cancellationToken).ConfigureAwait(false);
            return new Resource(found.Id, false, found.Kind);
        }

        var registry = await RequireRegistryAsync(
            s, resource, access, administer ? Permission.AdministerRegistry : Permission.UseRegistryVersions, cancellationToken).ConfigureAwait(false);
        return new Resource(registry.Id, true, null);
    }

    private static async Task<Member> RequireMemberAsync(SqliteSession s, string name, CancellationToken cancellationToken)
    {
        NameRules.RequireName(name, "member");
        var principal = await FindPrincipalAsync(s, name, cancellationToken).ConfigureAwait(false);
        if (principal is not null)
        {
            return new Member(principal.Id, principal.Kind == PrincipalKind.User ? MemberKind.User : MemberKind.ServiceAccount);
        }

        var team = await FindNamespaceAsync(s, name, cancellationToken).ConfigureAwait(false);
        if (team is { Kind: NamespaceKind.Team })
        {
            return new Member(team.Id, MemberKind.Team);
        }

        throw Missing.Member(name);
    }

    private static async Task<List<RegistryRecord>> LoadRegistriesAsync(SqliteSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        await s.QueryAsync(
            $"SELECT {RegistryColumns} FROM json_each($ids) j JOIN registries g ON g.id = j.value {RegistryJoins} ORDER BY j.key",
            ReadRegistry,
            cancellationToken,
            ("$ids", Rows.Ids(ids))).ConfigureAwait(false);

    private static async Task<ApiKeyRecord?> LoadKeyAsync(SqliteSession s, string id, CancellationToken cancellationToken) =>
        (await s.QueryAsync(
            $"SELECT {KeyColumns} FROM api_keys k JOIN principals pr ON pr.id = k.principal_id WHERE k.id = $id",
            r => ReadKey(r, 0),
            cancellationToken,
            ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

    private static PrincipalRecord ReadPrincipal(SqliteDataReader r, int at) => new(
        r.GetInt64(at),
        r.GetString(at + 1),
        r.GetString(at + 2) == "USER" ? PrincipalKind.User : PrincipalKind.ServiceAccount,
        r.GetBoolean(at + 3),
        r.IsDBNull(at + 4) ? null : r.GetInt64(at + 4),
        r.IsDBNull(at + 5) ? null : r.GetString(at + 5),
        Time.Parse(r.GetString(at + 6)),
        r.GetString(at + 7));

    private static NamespaceRecord ReadNamespace(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        Enum.Parse<NamespaceKind>(r.GetString(2), ignoreCase: true),
        r.IsDBNull(3) ? null : r.GetInt64(3),
        r.IsDBNull(4) ? null : r.GetString(4),
        Time.Parse(r.GetString(5)),
        r.GetString(6));

    private static RegistryRecord ReadRegistry(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetString(2),
        r.GetString(3),
        Enum.Parse<RegistryVisibility>(r.GetString(4), ignoreCase: true),
        Time.Parse(r.GetString(5)),
        r.GetString(6),
        JsonSerializer.Deserialize<List<string>>(r.GetString(7)) ?? []);

    private static ApiKeyRecord ReadKey(SqliteDataReader r, int at) => new(
        r.GetString(at),
        r.GetInt64(at + 1),
        r.GetString(at + 2),
        r.GetString(at + 3),
        Time.Parse(r.GetString(at + 4)),
        r.GetString(at + 5),
        r.IsDBNull(at + 6) ? null : Time.Parse(r.GetString(at + 6)),
        r.IsDBNull(at + 7) ? null : Time.Parse(r.GetString(at + 7)),
        r.IsDBNull(at + 8) ? null : r.GetString(at + 8));

    private static MemberKind ParseMemberKind(string kind) => kind switch
    {
        "TEAM" => MemberKind.Team,
        "USER" => MemberKind.User,
        _ => MemberKind.ServiceAccount,
    };

    /// <summary>A namespace or registry that roles are granted on, and the table of its grants.</summary>
    private readonly record struct Resource(long Id, bool IsRegistry, NamespaceKind? Kind)
    {
        public string Grants => IsRegistry ? "registry_grants" : "namespace_grants";

        public string Column => IsRegistry ? "registry_id" : "namespace_id";
    }

    /// <summary>A principal or team that roles are granted to, and the grant column naming it.</summary>
    private readonly record struct Member(long Id, MemberKind Kind)
    {
        public string Column => Kind == MemberKind.Team ? "team_id" : "principal_id";
    }
}
