using System.Text.Json;
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

    public Task<IReadOnlyList<NamespaceRecord>> GetNamespacesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<NamespaceRecord>>(
            async s => await s.QueryAsync(
                $"SELECT {NamespaceColumns} FROM json_each($ids) j JOIN namespaces n ON n.id = j.value {NamespaceJoins} ORDER BY j.key",
                ReadNamespace,
                cancellationToken,
                ("$ids", Rows.Ids(ids))).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<RegistryRecord>> GetRegistriesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<RegistryRecord>>(async s => await LoadRegistriesAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

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
}
