using Lineage.Identity;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    /// <summary>
    /// The effective roles of a principal: for each namespace and registry, the highest role
    /// granted directly, through a team it belongs to, or through the organization.
    /// <list type="bullet">
    /// <item>an ADMIN of an organization is ADMIN of the organization's teams;</item>
    /// <item>a role granted to a team holds for everyone the team has granted a role;</item>
    /// <item>an ADMIN of a registry's owner is ADMIN of the registry, and everyone with a role
    /// in the owner is VIEWER of its ORGANIZATION-visible registries.</item>
    /// </list>
    /// </summary>
    private static async Task<Access> LoadAccessAsync(SqliteSession s, long principalId, bool isAdministrator, CancellationToken cancellationToken)
    {
        if (isAdministrator)
        {
            return Access.Administrator;
        }

        var teams = await s.QueryAsync(
            "SELECT g.namespace_id FROM namespace_grants g JOIN namespaces t ON t.id = g.namespace_id WHERE g.principal_id = $p AND t.kind = 'TEAM'",
            r => r.GetInt64(0),
            cancellationToken,
            ("$p", principalId)).ConfigureAwait(false);
        var teamsJson = Rows.Ids(teams);

        var namespaces = new Dictionary<long, Role>();
        foreach (var (id, role) in await s.QueryAsync(
            "SELECT namespace_id, role FROM namespace_grants WHERE principal_id = $p OR team_id IN (SELECT value FROM json_each($teams))",
            r => (r.GetInt64(0), RoleNames.Parse(r.GetString(1))),
            cancellationToken,
            ("$p", principalId),
            ("$teams", teamsJson)).ConfigureAwait(false))
        {
            Raise(namespaces, id, role);
        }

        var administeredOrganizations = namespaces.Where(n => n.Value == Role.Admin).Select(n => n.Key).ToList();
        if (administeredOrganizations.Count > 0)
        {
            foreach (var team in await s.QueryAsync(
                "SELECT id FROM namespaces WHERE kind = 'TEAM' AND organization_id IN (SELECT value FROM json_each($orgs))",
                r => r.GetInt64(0),
                cancellationToken,
                ("$orgs", Rows.Ids(administeredOrganizations))).ConfigureAwait(false))
            {
                Raise(namespaces, team, Role.Admin);
            }
        }

        var registries = new Dictionary<long, Role>();
        foreach (var (id, role) in await s.QueryAsync(
            "SELECT registry_id, role FROM registry_grants WHERE principal_id = $p OR team_id IN (SELECT value FROM json_each($teams))",
            r => (r.GetInt64(0), RoleNames.Parse(r.GetString(1))),
            cancellationToken,
            ("$p", principalId),
            ("$teams", teamsJson)).ConfigureAwait(false))
        {
            Raise(registries, id, role);
        }

        if (namespaces.Count > 0)
        {
            foreach (var (id, owner, visibility) in await s.QueryAsync(
                "SELECT id, namespace_id, visibility FROM registries WHERE namespace_id IN (SELECT value FROM json_each($owners))",
                r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2)),
                cancellationToken,
                ("$owners", Rows.Ids(namespaces.Keys))).ConfigureAwait(false))
            {
                if (namespaces[owner] == Role.Admin)
                {
                    Raise(registries, id, Role.Admin);
                }
                else if (visibility == "ORGANIZATION")
                {
                    Raise(registries, id, Role.Viewer);
                }
            }
        }

        return Access.Of(namespaces, registries);
    }

    private static void Raise(Dictionary<long, Role> roles, long id, Role role)
    {
        if (!roles.TryGetValue(id, out var held) || held < role)
        {
            roles[id] = role;
        }
    }
}
