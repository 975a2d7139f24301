using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore : IIdentityStore
{
    public async Task<long> ReadIdentityEpochAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(s => s.RowAsync("identity/epoch", cancellationToken), cancellationToken).ConfigureAwait(false))!.Long("epoch");

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

    public Task<IReadOnlyList<PrincipalRecord>> GetPrincipalsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PrincipalRecord>>(
            async s => await s.QueryAsync("identity/principals", r => Records.Principal(r["principal"]), cancellationToken, ("ids", ids.ToArray())).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<NamespaceRecord>> GetNamespacesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<NamespaceRecord>>(
            async s => await s.QueryAsync("identity/namespaces", r => Records.Namespace(r["namespace"]), cancellationToken, ("ids", ids.ToArray())).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<RegistryRecord>> GetRegistriesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<RegistryRecord>>(async s => await LoadRegistriesAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

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

    private static Task<List<RegistryRecord>> LoadRegistriesAsync(Neo4jSession s, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        s.QueryAsync("identity/registries", r => Records.Registry(r["registry"]), cancellationToken, ("ids", ids.ToArray()));

    private static async Task<ApiKeyRecord?> LoadKeyAsync(Neo4jSession s, string id, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync("identity/key-by-id", cancellationToken, ("id", id)).ConfigureAwait(false);
        return row is null ? null : Records.Key(row["key"]);
    }
}
