using System.Text.Json;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    /// <summary>The identity tables, as a unit of work sees them.</summary>
    private sealed partial class Session
    {
        public Task<PrincipalRecord?> FindPrincipalAsync(string name, CancellationToken cancellationToken) =>
            SqliteLineageStore.FindPrincipalAsync(s, name, cancellationToken);

        public Task BumpIdentityEpochAsync(CancellationToken cancellationToken) =>
            s.ExecuteAsync("UPDATE identity_epoch SET value = value + 1 WHERE id = 1", cancellationToken);

        public async Task<PrincipalRecord?> FindPrincipalAsync(long id, CancellationToken cancellationToken) =>
            (await s.QueryAsync(
                $"SELECT {PrincipalColumns} FROM principals pr {PrincipalJoins} WHERE pr.id = $id",
                ReadPrincipal,
                cancellationToken,
                ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

        public Task<NamespaceRecord?> FindNamespaceAsync(string name, CancellationToken cancellationToken) =>
            SqliteLineageStore.FindNamespaceAsync(s, name, cancellationToken);

        public Task<RegistryRecord?> FindRegistryAsync(ProjectPath path, CancellationToken cancellationToken) =>
            SqliteLineageStore.FindRegistryAsync(s, path, cancellationToken);

        public async Task<bool> IsNameTakenAsync(string name, CancellationToken cancellationToken) =>
            await s.ScalarAsync<long>(
                "SELECT EXISTS (SELECT 1 FROM namespaces WHERE name = $n) OR EXISTS (SELECT 1 FROM principals WHERE name = $n)",
                cancellationToken, ("$n", name)).ConfigureAwait(false) != 0;

        public async Task<NamespaceRecord> InsertNamespaceAsync(
            string name, NamespaceKind kind, NamespaceRecord? organization, Actor actor, CancellationToken cancellationToken)
        {
            await s.ExecuteAsync(
                "INSERT INTO namespaces (name, kind, organization_id, created_at, created_by) VALUES ($n, $k, $o, $t, $by)",
                cancellationToken,
                ("$n", name),
                ("$k", kind.ToString().ToUpperInvariant()),
                ("$o", organization?.Id),
                ("$t", store.Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
            return (await SqliteLineageStore.FindNamespaceAsync(s, name, cancellationToken).ConfigureAwait(false))!;
        }

        public async Task<PrincipalRecord> InsertPrincipalAsync(
            string name, PrincipalKind kind, bool isAdministrator, NamespaceRecord? home, Actor actor, CancellationToken cancellationToken)
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
                ("$h", home?.Id),
                ("$t", store.Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
            return (await FindPrincipalAsync(id, cancellationToken).ConfigureAwait(false))!;
        }

        public async Task MakeAdministratorAsync(long principalId, CancellationToken cancellationToken) =>
            await s.ExecuteAsync("UPDATE principals SET is_administrator = 1 WHERE id = $id", cancellationToken, ("$id", principalId)).ConfigureAwait(false);

        public async Task<Role?> SetGrantAsync(GrantResource resource, GrantMember member, Role role, Actor actor, CancellationToken cancellationToken)
        {
            var grant = GrantTable.Of(resource, member);
            var previous = await s.ScalarAsync<string?>(
                $"SELECT role FROM {grant.Name} WHERE {grant.ResourceColumn} = $res AND {grant.MemberColumn} = $m",
                cancellationToken, ("$res", resource.Id), ("$m", member.Id)).ConfigureAwait(false);
            var sql = previous is null
                ? $"INSERT INTO {grant.Name} ({grant.ResourceColumn}, {grant.MemberColumn}, role, created_at, created_by) VALUES ($res, $m, $r, $t, $by)"
                : $"UPDATE {grant.Name} SET role = $r, created_at = $t, created_by = $by WHERE {grant.ResourceColumn} = $res AND {grant.MemberColumn} = $m";
            await s.ExecuteAsync(
                sql, cancellationToken, ("$res", resource.Id), ("$m", member.Id), ("$r", RoleNames.Format(role)), ("$t", store.Now()), ("$by", actor.Name)).ConfigureAwait(false);
            return previous is null ? null : RoleNames.Parse(previous);
        }

        public async Task<Role?> DeleteGrantAsync(GrantResource resource, GrantMember member, CancellationToken cancellationToken)
        {
            var grant = GrantTable.Of(resource, member);
            var removed = await s.ScalarAsync<string?>(
                $"DELETE FROM {grant.Name} WHERE {grant.ResourceColumn} = $res AND {grant.MemberColumn} = $m RETURNING role",
                cancellationToken, ("$res", resource.Id), ("$m", member.Id)).ConfigureAwait(false);
            return removed is null ? null : RoleNames.Parse(removed);
        }

        public async Task<(bool MemberHoldsAdmin, long Admins)> CountAdminGrantsAsync(long namespaceId, GrantMember member, CancellationToken cancellationToken)
        {
            var grant = GrantTable.Of(new GrantResource(namespaceId, false, null), member);
            var rows = await s.QueryAsync(
                $"""
                SELECT COUNT(*) FILTER (WHERE {grant.MemberColumn} = $m) AS held, COUNT(*) AS admins
                FROM namespace_grants WHERE namespace_id = $ns AND role = 'ADMIN'
                """,
                r => (r.GetInt64(r.GetOrdinal("held")) > 0, r.GetInt64(r.GetOrdinal("admins"))),
                cancellationToken, ("$ns", namespaceId), ("$m", member.Id)).ConfigureAwait(false);
            return rows[0];
        }

        public async Task<Page<MembershipRecord>> PageGrantsAsync(GrantResource resource, PageRequest page, CancellationToken cancellationToken)
        {
            var grant = GrantTable.Of(resource, null);
            var rows = await s.QueryAsync(
                $"""
                SELECT g.seq, COALESCE(pr.name, t.name) AS member, CASE WHEN g.team_id IS NOT NULL THEN 'TEAM' ELSE pr.kind END AS kind,
                       g.role, g.created_at, g.created_by
                FROM {grant.Name} g
                LEFT JOIN principals pr ON pr.id = g.principal_id
                LEFT JOIN namespaces t ON t.id = g.team_id
                WHERE g.{grant.ResourceColumn} = $res AND g.seq > $after
                ORDER BY g.seq {Rows.Limit("$limit")}
                """,
                r => new PageItem<MembershipRecord>(
                    new MembershipRecord(
                        r.GetString(r.GetOrdinal("member")),
                        ParseMemberKind(r.GetString(r.GetOrdinal("kind"))),
                        RoleNames.Parse(r.GetString(r.GetOrdinal("role"))),
                        Time.Parse(r.GetString(r.GetOrdinal("created_at"))),
                        r.GetString(r.GetOrdinal("created_by"))),
                    r.GetInt64(r.GetOrdinal("seq"))),
                cancellationToken,
                ("$res", resource.Id),
                ("$after", page.AfterKey),
                ("$limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }

        public async Task<int> CountGrantsAsync(GrantResource resource, CancellationToken cancellationToken)
        {
            var grant = GrantTable.Of(resource, null);
            return (int)await s.ScalarAsync<long>(
                $"SELECT COUNT(*) FROM {grant.Name} WHERE {grant.ResourceColumn} = $res", cancellationToken, ("$res", resource.Id)).ConfigureAwait(false);
        }

        public async Task<RegistryRecord> InsertRegistryAsync(
            NamespaceRecord owner, string name, RegistryVisibility visibility, IReadOnlyList<string> protectedAliases, Actor actor, CancellationToken cancellationToken)
        {
            var id = await s.ScalarAsync<long>(
                """
                INSERT INTO registries (namespace_id, name, visibility, protected_aliases, created_at, created_by)
                VALUES ($ns, $n, $v, $protected, $t, $by) RETURNING id
                """,
                cancellationToken,
                ("$ns", owner.Id),
                ("$n", name),
                ("$v", visibility.ToString().ToUpperInvariant()),
                ("$protected", JsonSerializer.Serialize(protectedAliases)),
                ("$t", store.Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
            return await LoadRegistryAsync(id, cancellationToken).ConfigureAwait(false);
        }

        public async Task<RegistryRecord> UpdateRegistryAsync(
            RegistryRecord registry, RegistryVisibility visibility, IReadOnlyList<string> protectedAliases, CancellationToken cancellationToken)
        {
            await s.ExecuteAsync(
                "UPDATE registries SET visibility = $v, protected_aliases = $protected WHERE id = $id",
                cancellationToken,
                ("$v", visibility.ToString().ToUpperInvariant()),
                ("$protected", JsonSerializer.Serialize(protectedAliases)),
                ("$id", registry.Id)).ConfigureAwait(false);
            return await LoadRegistryAsync(registry.Id, cancellationToken).ConfigureAwait(false);
        }

        public Task<ApiKeyRecord?> FindKeyAsync(string id, CancellationToken cancellationToken) => LoadKeyAsync(s, id, cancellationToken);

        public Task<long> CountActiveKeysAsync(long principalId, CancellationToken cancellationToken) =>
            s.ScalarAsync<long>(
                "SELECT COUNT(*) FROM api_keys WHERE principal_id = $p AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $now)",
                cancellationToken, ("$p", principalId), ("$now", store.Now()));

        public async Task InsertKeyAsync(KeyToStore key, PrincipalRecord principal, Actor actor, CancellationToken cancellationToken) =>
            await s.ExecuteAsync(
                """
                INSERT INTO api_keys (id, principal_id, name, secret_hash, source, created_at, created_by, expires_at)
                VALUES ($id, $p, $n, $h, $src, $t, $by, $exp)
                """,
                cancellationToken,
                ("$id", key.Id),
                ("$p", principal.Id),
                ("$n", key.Name),
                ("$h", key.SecretHash.ToArray()),
                ("$src", key.SourceName),
                ("$t", store.Now()),
                ("$by", actor.Name),
                ("$exp", key.ExpiresAt is { } e ? Time.Format(e) : null)).ConfigureAwait(false);

        public async Task RevokeKeyAsync(string id, Actor actor, CancellationToken cancellationToken) =>
            await s.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = $t, revoked_by = $by WHERE id = $id",
                cancellationToken, ("$t", store.Now()), ("$by", actor.Name), ("$id", id)).ConfigureAwait(false);

        public async Task PutEnvironmentKeyAsync(KeyToStore key, PrincipalRecord principal, Actor actor, CancellationToken cancellationToken)
        {
            await s.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = $t, revoked_by = $by WHERE source = $src AND id <> $id AND revoked_at IS NULL",
                cancellationToken, ("$t", store.Now()), ("$by", actor.Name), ("$src", key.SourceName), ("$id", key.Id)).ConfigureAwait(false);
            await s.ExecuteAsync(
                """
                INSERT INTO api_keys (id, principal_id, name, secret_hash, source, created_at, created_by)
                VALUES ($id, $p, $n, $h, $src, $t, $by)
                ON CONFLICT (id) DO UPDATE SET principal_id = excluded.principal_id, secret_hash = excluded.secret_hash,
                    source = excluded.source, revoked_at = NULL, revoked_by = NULL, expires_at = NULL
                """,
                cancellationToken,
                ("$id", key.Id),
                ("$p", principal.Id),
                ("$n", key.Name),
                ("$h", key.SecretHash.ToArray()),
                ("$src", key.SourceName),
                ("$t", store.Now()),
                ("$by", actor.Name)).ConfigureAwait(false);
        }

        public async Task<Page<ApiKeyRecord>> PageKeysAsync(long principalId, bool includeRevoked, PageRequest page, CancellationToken cancellationToken)
        {
            // Newest first: the cursor key counts down, and 0 means "from the start".
            var rows = await s.QueryAsync(
                $"""
                SELECT {KeyColumns}, k.seq FROM api_keys k JOIN principals pr ON pr.id = k.principal_id
                WHERE k.principal_id = $p AND ($after = 0 OR k.seq < $after) AND ($all OR k.revoked_at IS NULL)
                ORDER BY k.seq DESC {Rows.Limit("$limit")}
                """,
                r => new PageItem<ApiKeyRecord>(ReadKey(r), Rows.Long(r, "seq")),
                cancellationToken,
                ("$p", principalId),
                ("$after", page.AfterKey),
                ("$all", includeRevoked),
                ("$limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }

        public async Task<int> CountKeysAsync(long principalId, bool includeRevoked, CancellationToken cancellationToken) =>
            (int)await s.ScalarAsync<long>(
                "SELECT COUNT(*) FROM api_keys WHERE principal_id = $p AND ($all OR revoked_at IS NULL)",
                cancellationToken, ("$p", principalId), ("$all", includeRevoked)).ConfigureAwait(false);
    }

    /// <summary>The table of a resource's grants, and the columns naming the resource and the member.</summary>
    private sealed record GrantTable(string Name, string ResourceColumn, string MemberColumn)
    {
        public static GrantTable Of(GrantResource resource, GrantMember? member) => new(
            resource.IsRegistry ? "registry_grants" : "namespace_grants",
            resource.IsRegistry ? "registry_id" : "namespace_id",
            member is { Kind: MemberKind.Team } ? "team_id" : "principal_id");
    }
}
