using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>Principals, namespaces, registries, grants and keys, as a unit of work sees them.</summary>
    private sealed partial class Session
    {
        public Task<PrincipalRecord?> FindPrincipalAsync(string name, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindPrincipalAsync(s, name, cancellationToken);

        public Task BumpIdentityEpochAsync(CancellationToken cancellationToken) =>
            s.RunAsync("identity/epoch-bump", cancellationToken);

        public Task<PrincipalRecord?> FindPrincipalAsync(long id, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindPrincipalAsync(s, id, cancellationToken);

        public Task<NamespaceRecord?> FindNamespaceAsync(string name, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindNamespaceAsync(s, name, cancellationToken);

        public Task<RegistryRecord?> FindRegistryAsync(ProjectPath path, CancellationToken cancellationToken) =>
            Neo4jLineageStore.FindRegistryAsync(s, path, cancellationToken);

        public async Task<bool> IsNameTakenAsync(string name, CancellationToken cancellationToken) =>
            (await s.RowAsync("identity/name-taken", cancellationToken, ("name", name)).ConfigureAwait(false))!.Bool("taken");

        public async Task<NamespaceRecord> InsertNamespaceAsync(
            string name, NamespaceKind kind, NamespaceRecord? organization, Actor actor, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "identity/create-namespace",
                cancellationToken,
                ("name", name),
                ("kind", kind.ToString().ToUpperInvariant()),
                ("organizationId", organization?.Id),
                ("organization", organization?.Name),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            return Records.Namespace(row!["namespace"]);
        }

        public async Task<PrincipalRecord> InsertPrincipalAsync(
            string name, PrincipalKind kind, bool isAdministrator, NamespaceRecord? home, Actor actor, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "identity/create-principal",
                cancellationToken,
                ("name", name),
                ("kind", kind == PrincipalKind.User ? "USER" : "SERVICE_ACCOUNT"),
                ("isAdministrator", isAdministrator),
                ("homeNamespaceId", home?.Id),
                ("homeNamespace", home?.Name),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            return Records.Principal(row!["principal"]);
        }

        public Task MakeAdministratorAsync(long principalId, CancellationToken cancellationToken) =>
            s.RunAsync("identity/make-administrator", cancellationToken, ("id", principalId));

        public async Task<Role?> SetGrantAsync(GrantResource resource, GrantMember member, Role role, Actor actor, CancellationToken cancellationToken)
        {
            var updated = await s.RowAsync(
                "identity/update-grant",
                cancellationToken,
                ("key", GrantKey(resource, member)),
                ("role", RoleNames.Format(role)),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            if (updated!.Long("updated") > 0)
            {
                return RoleNames.Parse(updated.String("previous"));
            }

            await s.RunAsync(
                "identity/create-grant",
                cancellationToken,
                ("key", GrantKey(resource, member)),
                ("resourceKind", ResourceKind(resource)),
                ("resourceId", resource.Id),
                ("principalId", member.Kind == MemberKind.Team ? null : member.Id),
                ("teamId", member.Kind == MemberKind.Team ? member.Id : null),
                ("memberName", member.Name),
                ("memberKind", MemberKindName(member.Kind)),
                ("role", RoleNames.Format(role)),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            return null;
        }

        public async Task<Role?> DeleteGrantAsync(GrantResource resource, GrantMember member, CancellationToken cancellationToken)
        {
            var removed = await s.RowAsync("identity/delete-grant", cancellationToken, ("key", GrantKey(resource, member))).ConfigureAwait(false);
            return removed!.Long("removed") == 0 ? null : RoleNames.Parse(removed.String("role"));
        }

        public async Task<(bool MemberHoldsAdmin, long Admins)> CountAdminGrantsAsync(long namespaceId, GrantMember member, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "identity/admin-grants", cancellationToken, ("namespaceId", namespaceId), ("key", GrantKey(new GrantResource(namespaceId, false, null), member))).ConfigureAwait(false);
            return (row!.Long("held") > 0, row.Long("admins"));
        }

        public async Task<Page<MembershipRecord>> PageGrantsAsync(GrantResource resource, PageRequest page, CancellationToken cancellationToken)
        {
            var rows = await s.QueryAsync(
                "identity/members-page",
                r => new PageItem<MembershipRecord>(Records.Membership(r["grant"]), Cypher.Long(r["grant"], "seq")),
                cancellationToken,
                ("resourceKind", ResourceKind(resource)),
                ("resourceId", resource.Id),
                ("after", page.AfterKey),
                ("limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }

        public async Task<int> CountGrantsAsync(GrantResource resource, CancellationToken cancellationToken) =>
            (int)(await s.RowAsync("identity/members-count", cancellationToken, ("resourceKind", ResourceKind(resource)), ("resourceId", resource.Id)).ConfigureAwait(false))!.Long("count");

        public async Task<RegistryRecord> InsertRegistryAsync(
            NamespaceRecord owner, string name, RegistryVisibility visibility, IReadOnlyList<string> protectedAliases, Actor actor, CancellationToken cancellationToken)
        {
            var row = await s.RowAsync(
                "identity/create-registry",
                cancellationToken,
                ("namespaceId", owner.Id),
                ("namespace", owner.Name),
                ("name", name),
                ("path", $"{owner.Name}/{name}"),
                ("visibility", visibility.ToString().ToUpperInvariant()),
                ("protectedAliases", protectedAliases.ToArray()),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
            return await LoadRegistryAsync(row!.Long("id"), cancellationToken).ConfigureAwait(false);
        }

        public async Task<RegistryRecord> UpdateRegistryAsync(
            RegistryRecord registry, RegistryVisibility visibility, IReadOnlyList<string> protectedAliases, CancellationToken cancellationToken)
        {
            await s.RunAsync(
                "identity/update-registry",
                cancellationToken,
                ("id", registry.Id),
                ("visibility", visibility.ToString().ToUpperInvariant()),
                ("protectedAliases", protectedAliases.ToArray())).ConfigureAwait(false);
            return await LoadRegistryAsync(registry.Id, cancellationToken).ConfigureAwait(false);
        }

        public Task<ApiKeyRecord?> FindKeyAsync(string id, CancellationToken cancellationToken) => LoadKeyAsync(s, id, cancellationToken);

        public async Task<long> CountActiveKeysAsync(long principalId, CancellationToken cancellationToken) =>
            (await s.RowAsync("identity/count-active-keys", cancellationToken, ("principalId", principalId), ("now", store.Now())).ConfigureAwait(false))!.Long("active");

        public Task InsertKeyAsync(KeyToStore key, PrincipalRecord principal, Actor actor, CancellationToken cancellationToken) =>
            s.RunAsync(
                "identity/create-key",
                cancellationToken,
                ("id", key.Id),
                ("principalId", principal.Id),
                ("principalName", principal.Name),
                ("name", key.Name),
                ("hash", Convert.ToBase64String([.. key.SecretHash])),
                ("source", key.SourceName),
                ("expiresAt", key.ExpiresAt is { } e ? Cypher.FormatTime(e) : null),
                ("at", store.Now()),
                ("by", actor.Name));

        public Task RevokeKeyAsync(string id, Actor actor, CancellationToken cancellationToken) =>
            s.RunAsync("identity/revoke-key", cancellationToken, ("id", id), ("at", store.Now()), ("by", actor.Name));

        public async Task PutEnvironmentKeyAsync(KeyToStore key, PrincipalRecord principal, Actor actor, CancellationToken cancellationToken)
        {
            await s.RunAsync("identity/retire-environment-keys", cancellationToken, ("keep", key.Id), ("at", store.Now()), ("by", actor.Name)).ConfigureAwait(false);
            await s.RunAsync(
                "identity/put-environment-key",
                cancellationToken,
                ("id", key.Id),
                ("principalId", principal.Id),
                ("principalName", principal.Name),
                ("hash", Convert.ToBase64String([.. key.SecretHash])),
                ("at", store.Now()),
                ("by", actor.Name)).ConfigureAwait(false);
        }

        public async Task<Page<ApiKeyRecord>> PageKeysAsync(long principalId, bool includeRevoked, PageRequest page, CancellationToken cancellationToken)
        {
            // Newest first: the cursor key counts down, and 0 means "from the start".
            var rows = await s.QueryAsync(
                "identity/keys-page",
                r => new PageItem<ApiKeyRecord>(Records.Key(r["key"]), Cypher.Long(r["key"], "seq")),
                cancellationToken,
                ("principalId", principalId),
                ("all", includeRevoked),
                ("after", page.AfterKey),
                ("limit", page.First + 1)).ConfigureAwait(false);
            return Paging.Take(rows, page.First);
        }

        public async Task<int> CountKeysAsync(long principalId, bool includeRevoked, CancellationToken cancellationToken) =>
            (int)(await s.RowAsync("identity/keys-count", cancellationToken, ("principalId", principalId), ("all", includeRevoked)).ConfigureAwait(false))!.Long("count");

        private static string ResourceKind(GrantResource resource) => resource.IsRegistry ? "REGISTRY" : "NAMESPACE";

        private static string MemberKindName(MemberKind kind) => kind switch
        {
            MemberKind.Team => "TEAM",
            MemberKind.User => "USER",
            _ => "SERVICE_ACCOUNT",
        };

        private static string GrantKey(GrantResource resource, GrantMember member) =>
            $"{ResourceKind(resource)}:{resource.Id}:{(member.Kind == MemberKind.Team ? "T" : "P")}:{member.Id}";
    }
}
