using Lineage.Identity;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>The effective roles of a principal, by the rules of <see cref="AccessResolver"/>.</summary>
    private static Task<Access> LoadAccessAsync(Neo4jSession s, long principalId, bool isAdministrator, CancellationToken cancellationToken) =>
        AccessResolver.ResolveAsync(new AccessSource(s), principalId, isAdministrator, cancellationToken);

    /// <summary>The grants and registries that roles follow from, read by cypher/identity/access-*.</summary>
    private sealed class AccessSource(Neo4jSession s) : IAccessSource
    {
        public async Task<IReadOnlyList<long>> TeamsAsync(long principalId, CancellationToken cancellationToken) =>
            await s.QueryAsync("identity/access-teams", r => r.Long("id"), cancellationToken, ("principalId", principalId)).ConfigureAwait(false);

        public async Task<IReadOnlyList<(bool IsRegistry, long Id, Role Role)>> GrantsAsync(long principalId, IReadOnlyList<long> teams, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                "identity/access-grants",
                r => (r.String("kind") == "REGISTRY", r.Long("id"), RoleNames.Parse(r.String("role"))),
                cancellationToken,
                ("principalId", principalId),
                ("teams", teams.ToArray())).ConfigureAwait(false);

        public async Task<IReadOnlyList<long>> OrganizationTeamsAsync(IReadOnlyList<long> organizations, CancellationToken cancellationToken) =>
            await s.QueryAsync("identity/access-organization-teams", r => r.Long("id"), cancellationToken, ("organizations", organizations.ToArray())).ConfigureAwait(false);

        public async Task<IReadOnlyList<(long Id, long Owner, bool OrganizationVisible)>> OwnedRegistriesAsync(IReadOnlyList<long> owners, CancellationToken cancellationToken) =>
            await s.QueryAsync(
                "identity/access-owned-registries",
                r => (r.Long("id"), r.Long("owner"), r.String("visibility") == "ORGANIZATION"),
                cancellationToken,
                ("owners", owners.ToArray())).ConfigureAwait(false);
    }
}
