using Lineage.Identity;

namespace Lineage.Store.Rules;

/// <summary>What a store reads to work out a principal's effective roles.</summary>
public interface IAccessSource
{
    /// <summary>The teams the principal holds a role in.</summary>
    Task<IReadOnlyList<long>> TeamsAsync(long principalId, CancellationToken cancellationToken);

    /// <summary>Every grant held by the principal directly or by one of <paramref name="teams"/>.</summary>
    Task<IReadOnlyList<(bool IsRegistry, long Id, Role Role)>> GrantsAsync(long principalId, IReadOnlyList<long> teams, CancellationToken cancellationToken);

    /// <summary>The teams of the given organizations.</summary>
    Task<IReadOnlyList<long>> OrganizationTeamsAsync(IReadOnlyList<long> organizations, CancellationToken cancellationToken);

    /// <summary>The registries the given namespaces own, with whether they are ORGANIZATION-visible.</summary>
    Task<IReadOnlyList<(long Id, long Owner, bool OrganizationVisible)>> OwnedRegistriesAsync(IReadOnlyList<long> owners, CancellationToken cancellationToken);
}

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
public static class AccessResolver
{
    public static async Task<Access> ResolveAsync(IAccessSource source, long principalId, bool isAdministrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (isAdministrator)
        {
            return Access.Administrator;
        }

        var teams = await source.TeamsAsync(principalId, cancellationToken).ConfigureAwait(false);
        var namespaces = new Dictionary<long, Role>();
        var registries = new Dictionary<long, Role>();
        foreach (var (isRegistry, id, role) in await source.GrantsAsync(principalId, teams, cancellationToken).ConfigureAwait(false))
        {
            Raise(isRegistry ? registries : namespaces, id, role);
        }

        var administeredOrganizations = namespaces.Where(n => n.Value == Role.Admin).Select(n => n.Key).ToList();
        if (administeredOrganizations.Count > 0)
        {
            foreach (var team in await source.OrganizationTeamsAsync(administeredOrganizations, cancellationToken).ConfigureAwait(false))
            {
                Raise(namespaces, team, Role.Admin);
            }
        }

        if (namespaces.Count > 0)
        {
            foreach (var (id, owner, organizationVisible) in await source.OwnedRegistriesAsync([.. namespaces.Keys], cancellationToken).ConfigureAwait(false))
            {
                if (namespaces[owner] == Role.Admin)
                {
                    Raise(registries, id, Role.Admin);
                }
                else if (organizationVisible)
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
