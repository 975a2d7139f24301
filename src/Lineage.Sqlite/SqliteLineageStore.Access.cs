using Lineage.Identity;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    /// <summary>The effective roles of a principal, by the rules of <see cref="AccessResolver"/>.</summary>
    private static Task<Access> LoadAccessAsync(SqliteSession s, long principalId, bool isAdministrator, CancellationToken cancellationToken) =>
        AccessResolver.ResolveAsync(new AccessSource(s), principalId, isAdministrator, cancellationToken);

    /// <summary>The grants and registries that roles follow from, read from the identity tables.</summary>
    private sealed class AccessSource(SqliteSession s) : IAccessSource
    {
        public async Task<IReadOnlyList<long>> TeamsAsync(long principalId, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                "SELECT g.namespace_id FROM namespace_grants g JOIN namespaces t ON t.id = g.namespace_id WHERE g.principal_id = $p AND t.kind = 'TEAM'",
                r => r.GetInt64(0),
                cancellationToken,
                ("$p", principalId)).ConfigureAwait(false);

        public async Task<IReadOnlyList<(bool IsRegistry, long Id, Role Role)>> GrantsAsync(long principalId, IReadOnlyList<long> teams, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                """
                SELECT 0, namespace_id, role FROM namespace_grants WHERE principal_id = $p OR team_id IN (SELECT value FROM json_each($teams))
                UNION ALL
                SELECT 1, registry_id, role FROM registry_grants WHERE principal_id = $p OR team_id IN (SELECT value FROM json_each($teams))
                """,
                r => (r.GetInt64(0) == 1, r.GetInt64(1), RoleNames.Parse(r.GetString(2))),
                cancellationToken,
                ("$p", principalId),
                ("$teams", Rows.Ids(teams))).ConfigureAwait(false);

        public async Task<IReadOnlyList<long>> OrganizationTeamsAsync(IReadOnlyList<long> organizations, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                "SELECT id FROM namespaces WHERE kind = 'TEAM' AND organization_id IN (SELECT value FROM json_each($orgs))",
                r => r.GetInt64(0),
                cancellationToken,
                ("$orgs", Rows.Ids(organizations))).ConfigureAwait(false);

        public async Task<IReadOnlyList<(long Id, long Owner, bool OrganizationVisible)>> OwnedRegistriesAsync(IReadOnlyList<long> owners, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                "SELECT id, namespace_id, visibility FROM registries WHERE namespace_id IN (SELECT value FROM json_each($owners))",
                r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2) == "ORGANIZATION"),
                cancellationToken,
                ("$owners", Rows.Ids(owners))).ConfigureAwait(false);
    }
}
