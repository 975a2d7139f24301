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
    private const string PrincipalColumns =
        "pr.id AS principal_id, pr.name AS principal_name, pr.kind AS principal_kind, pr.is_administrator, pr.home_namespace_id, " +
        "hn.name AS home_namespace, pr.created_at AS principal_created_at, pr.created_by AS principal_created_by";
    private const string PrincipalJoins = "LEFT JOIN namespaces hn ON hn.id = pr.home_namespace_id";
    private const string NamespaceColumns = "n.*, o.name AS organization";
    private const string NamespaceJoins = "LEFT JOIN namespaces o ON o.id = n.organization_id";
    private const string RegistryColumns = "g.id, g.namespace_id, n.name AS namespace, g.name, g.visibility, g.created_at, g.created_by, g.protected_aliases";
    private const string RegistryJoins = "JOIN namespaces n ON n.id = g.namespace_id";
    private const string KeyColumns =
        "k.id AS key_id, k.principal_id AS key_principal_id, pr.name AS key_principal, k.name AS key_name, k.created_at AS key_created_at, " +
        "k.created_by AS key_created_by, k.expires_at, k.revoked_at, k.revoked_by";

    public Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _database.ReadAsync(async s =>
        {
            var rows = await s.QueryAsync(
                $"SELECT {KeyColumns}, k.secret_hash, {PrincipalColumns} FROM api_keys k JOIN principals pr ON pr.id = k.principal_id {PrincipalJoins} WHERE k.id = $id",
                r => (Key: ReadKey(r), Hash: (byte[])r.GetValue(r.GetOrdinal("secret_hash")), Principal: ReadPrincipal(r)),
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

    public Task<long> ReadIdentityEpochAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(async s => await s.ScalarAsync<long>("SELECT value FROM identity_epoch WHERE id = 1", cancellationToken).ConfigureAwait(false), cancellationToken, oneStatement: true);

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
            var rows = await s.RecordsAsync(
                $"SELECT {NamespaceColumns} FROM namespaces n {NamespaceJoins} WHERE n.id > $after AND {Rows.Visible(access, "n.id")} ORDER BY n.id {Rows.Limit("$limit")}",
                f => new PageItem<NamespaceRecord>(NamespaceRecord.Read(f), f.Long("id")),
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

    public Task<IReadOnlyList<PrincipalRecord>> GetPrincipalsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<PrincipalRecord>>(
            async s => await s.QueryAsync(
                $"SELECT {PrincipalColumns} FROM json_each($ids) j JOIN principals pr ON pr.id = j.value {PrincipalJoins} ORDER BY j.key",
                ReadPrincipal,
                cancellationToken,
                ("$ids", Rows.Ids(ids))).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<NamespaceRecord>> GetNamespacesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<NamespaceRecord>>(
            async s => await s.RecordsAsync(
                $"SELECT {NamespaceColumns} FROM json_each($ids) j JOIN namespaces n ON n.id = j.value {NamespaceJoins} ORDER BY j.key",
                NamespaceRecord.Read,
                cancellationToken,
                ("$ids", Rows.Ids(ids))).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<RegistryRecord>> GetRegistriesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<RegistryRecord>>(async s => await LoadRegistriesAsync(s, ids, cancellationToken).ConfigureAwait(false), cancellationToken);

    private static async Task<PrincipalRecord?> FindPrincipalAsync(SqliteSession s, string name, CancellationToken cancellationToken) =>
        (await s.QueryAsync(
            $"SELECT {PrincipalColumns} FROM principals pr {PrincipalJoins} WHERE pr.name = $n",
            ReadPrincipal,
            cancellationToken,
            ("$n", name)).ConfigureAwait(false)).FirstOrDefault();

    private static async Task<NamespaceRecord?> FindNamespaceAsync(SqliteSession s, string name, CancellationToken cancellationToken) =>
        (await s.RecordsAsync(
            $"SELECT {NamespaceColumns} FROM namespaces n {NamespaceJoins} WHERE n.name = $n",
            NamespaceRecord.Read,
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
            ReadKey,
            cancellationToken,
            ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

    private static PrincipalRecord ReadPrincipal(SqliteDataReader r) => new(
        Rows.Long(r, "principal_id"),
        Rows.Text(r, "principal_name"),
        Rows.Text(r, "principal_kind") == "USER" ? PrincipalKind.User : PrincipalKind.ServiceAccount,
        Rows.Long(r, "is_administrator") != 0,
        Rows.NullableLong(r, "home_namespace_id"),
        Rows.NullableString(r, "home_namespace"),
        Time.Parse(Rows.Text(r, "principal_created_at")),
        Rows.Text(r, "principal_created_by"));

    private static RegistryRecord ReadRegistry(SqliteDataReader r) => new(
        Rows.Long(r, "id"),
        Rows.Long(r, "namespace_id"),
        Rows.Text(r, "namespace"),
        Rows.Text(r, "name"),
        Enum.Parse<RegistryVisibility>(Rows.Text(r, "visibility"), ignoreCase: true),
        Time.Parse(Rows.Text(r, "created_at")),
        Rows.Text(r, "created_by"),
        JsonSerializer.Deserialize<List<string>>(Rows.Text(r, "protected_aliases")) ?? []);

    private static ApiKeyRecord ReadKey(SqliteDataReader r) => new(
        Rows.Text(r, "key_id"),
        Rows.Long(r, "key_principal_id"),
        Rows.Text(r, "key_principal"),
        Rows.Text(r, "key_name"),
        Time.Parse(Rows.Text(r, "key_created_at")),
        Rows.Text(r, "key_created_by"),
        Rows.NullableString(r, "expires_at") is { } expires ? Time.Parse(expires) : null,
        Rows.NullableString(r, "revoked_at") is { } revoked ? Time.Parse(revoked) : null,
        Rows.NullableString(r, "revoked_by"));

    private static MemberKind ParseMemberKind(string kind) => kind switch
    {
        "TEAM" => MemberKind.Team,
        "USER" => MemberKind.User,
        _ => MemberKind.ServiceAccount,
    };
}
