using Lineage.Application;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Sqlite;
using Lineage.Tests.Support;

namespace Lineage.Tests.Store;

/// <summary>
/// Credentials are kept between requests, and a change to identities made anywhere (here, by a
/// second server process's store over the same file) is seen on the very next request.
/// </summary>
public sealed class CredentialCacheTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task a_key_revoked_or_a_role_granted_by_another_process_is_seen_on_the_next_lookup()
    {
        using var first = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await first.MigrateAsync(Ct);
        using var second = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        var one = Identities(new SqliteLineageStore(first, TimeProvider.System));
        var other = Identities(new SqliteLineageStore(second, TimeProvider.System));
        var admin = Actor.System("admin");
        await one.CreateNamespaceAsync(new CreateNamespaceCommand("acme", NamespaceKind.Organization, null), admin, Ct);
        await one.CreateUserAsync(new CreateUserCommand("ada", false), admin, Ct);
        var token = ApiKeyToken.Generate();
        await one.CreateApiKeyAsync(new CreateApiKeyCommand("ada", "laptop", null, token.Id, token.Hash()), admin, Ct);

        var before = await one.FindCredentialAsync(token.Id, Ct);
        Assert.Same(before, await one.FindCredentialAsync(token.Id, Ct));
        Assert.False(before!.Access.CanSeeNamespace((await other.FindNamespaceAsync("acme", Access.Administrator, Ct))!.Id));

        await other.GrantRoleAsync(new GrantRoleCommand("acme", "ada", Role.Viewer), admin, Ct);
        var granted = await one.FindCredentialAsync(token.Id, Ct);
        Assert.NotSame(before, granted);
        Assert.True(granted!.Access.CanSeeNamespace((await other.FindNamespaceAsync("acme", Access.Administrator, Ct))!.Id));

        await other.RevokeApiKeyAsync(token.Id, admin, Ct);
        var revoked = await one.FindCredentialAsync(token.Id, Ct);
        Assert.Equal(ApiKeyState.Revoked, revoked!.Key.StateAt(DateTimeOffset.UtcNow));

        // An unknown id is remembered as unknown until a key is made.
        Assert.Null(await one.FindCredentialAsync("nosuchkey0000", Ct));
        Assert.Null(await one.FindCredentialAsync("nosuchkey0000", Ct));
    }

    private static Identities Identities(SqliteLineageStore store) => new(store, store, TimeProvider.System);
}
