using Lineage.Application;
using Lineage.Store;

namespace Lineage.Tests.Support;

/// <summary>The application layer over a store opened by a test, as the server builds it.</summary>
internal static class StoreServices
{
    public static Identities Identities<TStore>(this TStore store)
        where TStore : IIdentityStore, IStoreSessionSource => new(store, store, TimeProvider.System);

    public static Registries Registries<TStore>(this TStore store)
        where TStore : IRegistryStore, IStoreSessionSource => new(store, store);
}
