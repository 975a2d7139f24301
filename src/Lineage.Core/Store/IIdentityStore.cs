using Lineage.Identity;
using Lineage.Model;

namespace Lineage.Store;

/// <summary>
/// What a store reads of identity outside a unit of work: credentials, the server's secrets,
/// and namespace and registry lists. Every rule over them lives in
/// <see cref="Application.Identities"/>.
/// </summary>
public interface IIdentityStore
{
    /// <summary>The stored key with this id, its owner and the owner's effective roles; null when unknown.</summary>
    Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>How many identity changes have been committed (see <see cref="IStoreSession.BumpIdentityEpochAsync"/>): one small read.</summary>
    Task<long> ReadIdentityEpochAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The server's secret named <paramref name="name"/>: the one stored, or, on the first call
    /// ever, <paramref name="candidate"/>, which is then stored. Every start and every server on
    /// the same store gets the same value.
    /// </summary>
    Task<byte[]> GetOrCreateSecretAsync(string name, byte[] candidate, CancellationToken cancellationToken);

    /// <summary>The namespaces <paramref name="access"/> holds a role in (every one, for a site administrator), oldest first.</summary>
    Task<Page<NamespaceRecord>> GetNamespacesAsync(Access access, PageRequest page, CancellationToken cancellationToken);

    Task<int> CountNamespacesAsync(Access access, CancellationToken cancellationToken);

    Task<IReadOnlyList<RegistryRecord>> GetRegistriesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>Namespaces by id, in the order asked; ids of none are left out.</summary>
    Task<IReadOnlyList<NamespaceRecord>> GetNamespacesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>Users and service accounts by id, in the order asked; ids of none are left out.</summary>
    Task<IReadOnlyList<PrincipalRecord>> GetPrincipalsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
}
