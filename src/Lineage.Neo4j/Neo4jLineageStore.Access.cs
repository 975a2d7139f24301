using Lineage.Identity;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>
    /// The effective roles of a principal: for each namespace and registry, the highest role
    /// granted directly, through a team it belongs to, or through the organization (the rules
    /// of docs/security.md, the same as the SQLite store's).
    /// </summary>
    private static async Task<Access> LoadAccessAsync(Neo4jSession s, long principalId, bool isAdministrator, CancellationToken cancellationToken)
    {
        if (isAdministrator)
        {
            return Access.Administrator;
        }

        var teams = await s.QueryAsync("identity/access-teams", r => r.Long("id"), cancellationToken, ("principalId", principalId)).ConfigureAwait(false);
        var namespaces = new Dictionary<long, Role>();
        var registries = new Dictionary<long, Role>();
        foreach (var (kind, id, role) in await s.QueryAsync(
            "identity/access-grants",
            r => (r.String("kind"), r.Long("id"), RoleNames.Parse(r.String("role"))),
            cancellationToken,
            ("principalId", principalId),
            ("teams", teams.ToArray())).ConfigureAwait(false))
        {
            Raise(kind == "REGISTRY" ? registries : namespaces, id, role);
        }

        var administeredOrganizations = namespaces.Where(n => n.Value == Role.Admin).Select(n => n.Key).ToArray();
        if (administeredOrganizations.Length > 0)
        {
            foreach (var team in await s.QueryAsync(
                "identity/access-organization-teams", r => r.Long("id"), cancellationToken, ("organizations", administeredOrganizations)).ConfigureAwait(false))
            {
                Raise(namespaces, team, Role.Admin);
            }
        }

        if (namespaces.Count > 0)
        {
            foreach (var (id, owner, visibility) in await s.QueryAsync(
                "identity/access-owned-registries",
                r => (r.Long("id"), r.Long("owner"), r.String("visibility")),
                cancellationToken,
                ("owners", namespaces.Keys.ToArray())).ConfigureAwait(false))
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
