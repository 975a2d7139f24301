using System.Security.Cryptography;
using Lineage.Server.GraphQL;
using Lineage.Store;

namespace Lineage.Server.Hosting;

/// <summary>Loads the key of opaque ids from the store, making it on the very first start.</summary>
internal sealed class OpaqueIdsStep : IStartupStep
{
    private readonly IIdentityStore _identities;
    private readonly OpaqueIds _ids;

    public OpaqueIdsStep(IIdentityStore identities, OpaqueIds ids)
    {
        _identities = identities;
        _ids = ids;
    }

    public async Task RunAsync(CancellationToken cancellationToken) =>
        _ids.UseKey(await _identities.GetOrCreateSecretAsync(OpaqueIds.SecretName, RandomNumberGenerator.GetBytes(32), cancellationToken).ConfigureAwait(false));
}
