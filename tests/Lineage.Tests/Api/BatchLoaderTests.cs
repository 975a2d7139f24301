using GraphQL.DataLoader;
using Lineage.Server.GraphQL.Loading;

namespace Lineage.Tests.Api;

/// <summary>
/// The batch loader behind every nested page: keys asked for while a level is resolved are
/// fetched with one call, each key at most once per request, and a failed fetch fails every
/// read of its keys.
/// </summary>
public sealed class BatchLoaderTests
{
    private readonly List<long[]> _calls = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BatchLoader<long, string> Loader(Func<long, bool>? fails = null) => new((keys, _) =>
    {
        _calls.Add([.. keys]);
        if (fails is not null && keys.Any(fails))
        {
            throw new InvalidOperationException("the store is gone");
        }

        return Task.FromResult<IReadOnlyDictionary<long, string>>(keys.Where(k => k % 10 != 0).ToDictionary(k => k, k => $"r{k}"));
    });

    [Fact]
    public async Task keys_wanted_before_the_first_read_are_fetched_together_and_once()
    {
        var loader = Loader();
        loader.Want([1, 2, 3]);
        loader.Want([3, 4]);
        var single = loader.Load(5);

        Assert.Equal(["r1", "r2", "r3"], (IEnumerable<string?>)await loader.ReadAsync([1, 2, 3], Ct));
        Assert.Equal("r5", await single.GetResultAsync(Ct));
        Assert.Equal("r4", await loader.ReadAsync(4, Ct));
        var call = Assert.Single(_calls);
        Assert.Equal([1, 2, 3, 4, 5], call);
    }

    [Fact]
    public async Task a_key_asked_for_after_its_level_was_fetched_goes_into_the_next_batch_and_known_keys_are_not_fetched_again()
    {
        var loader = Loader();
        loader.Want([1, 2]);
        await loader.ReadAsync([1, 2], Ct);

        loader.Want([2, 3, 10]);
        Assert.Equal(["r2", "r3", null], (IEnumerable<string?>)await loader.ReadAsync([2, 3, 10], Ct));
        Assert.Equal(2, _calls.Count);
        Assert.Equal([3, 10], _calls[1]);
    }

    [Fact]
    public async Task a_key_fetched_before_is_answered_with_its_value_and_a_new_one_waits_for_its_batch()
    {
        var loader = Loader();
        loader.Want([1, 10]);
        await loader.ReadAsync([1, 10], Ct);

        // Found earlier in the request: the value itself (or null when it was not found), with no deferral.
        Assert.Equal("r1", loader.LoadOrFound(1));
        Assert.Null(loader.LoadOrFound(10));

        // Not fetched yet: a pending result, fetched with the keys asked for beside it.
        var pending = Assert.IsAssignableFrom<IDataLoaderResult>(loader.LoadOrFound(2));
        var other = Assert.IsAssignableFrom<IDataLoaderResult>(loader.LoadOrFound(3));
        Assert.Equal("r2", await pending.GetResultAsync(Ct));
        Assert.Equal("r3", await other.GetResultAsync(Ct));
        Assert.Equal(2, _calls.Count);
        Assert.Equal([2, 3], _calls[1]);
    }

    [Fact]
    public async Task a_key_never_asked_for_cannot_be_read()
    {
        var loader = Loader();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await loader.ReadAsync(7, Ct));
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task a_failed_fetch_fails_every_read_of_its_keys()
    {
        var loader = Loader(fails: k => k == 2);
        loader.Want([1, 2]);
        IDataLoaderResult pending = loader.Load(1);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await loader.ReadAsync([1, 2], Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pending.GetResultAsync(Ct));
        Assert.Single(_calls);
    }
}
