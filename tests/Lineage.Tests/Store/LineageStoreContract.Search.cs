using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;

namespace Lineage.Tests.Store;

public abstract partial class LineageStoreContract
{
    [Fact]
    public async Task search_finds_runs_artifacts_and_collections_by_part_of_their_name_prefix_first()
    {
        await RunAsync("acme/zoo/train-zoo", "train");
        await RunAsync("acme/zoo/eval", "eval");
        await LogAsync("acme/zoo/train-zoo", "zoo_dataset", "sha256:1", "dataset");
        await LogAsync("acme/zoo/train-zoo", "split_zoo_dataset", "sha256:2", "dataset");
        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Restricted, null), Tester, Ct);
        await Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/models"), "Zoo-classifier", "model", null), Tester, Ct);

        var hits = await Store.SearchAsync("  ZOO ", 20, All, Ct);

        Assert.Equal(
            ["ARTIFACT zoo_dataset acme/zoo/zoo_dataset dataset", "COLLECTION Zoo-classifier acme/models/Zoo-classifier model",
             "RUN train-zoo acme/zoo/train-zoo train", "ARTIFACT split_zoo_dataset acme/zoo/split_zoo_dataset dataset"],
            hits.Select(h => $"{h.Kind.ToString().ToUpperInvariant()} {h.Name} {h.Path} {h.Type}").ToArray());
        Assert.Equal(2, (await Store.SearchAsync("zoo", 2, All, Ct)).Count);
        Assert.Equal(["acme/zoo/zoo_dataset", "acme/zoo/split_zoo_dataset"], (await Store.SearchAsync("o_d", 20, All, Ct)).Select(h => h.Path).ToArray());
        Assert.Equal(2, (await Store.SearchAsync("zo", 20, All, Ct)).Count(h => h.Kind == SearchHitKind.Artifact));
        Assert.Empty(await Store.SearchAsync("%", 20, All, Ct));
    }

    [Fact]
    public async Task search_keeps_the_first_hits_by_path_among_names_that_tie()
    {
        // Made out of path order, so that an order by name alone would keep the wrong ones.
        foreach (var project in new[] { "p3", "p1", "p4", "p0", "p2" })
        {
            await RunAsync($"acme/{project}/fit");
        }

        Assert.Equal(["acme/p0/fit", "acme/p1/fit"], (await Store.SearchAsync("fit", 2, All, Ct)).Select(h => h.Path).ToArray());
        Assert.Equal(["acme/p0/fit", "acme/p1/fit", "acme/p2/fit"], (await Store.SearchAsync("fi", 3, All, Ct)).Select(h => h.Path).ToArray());
    }

    [Fact]
    public async Task search_shows_only_what_the_caller_may_see_and_refuses_empty_text()
    {
        await RunAsync("acme/zoo/secret-run");
        await RunAsync("open/zoo/open-run");
        await Identities.CreateUserAsync(new CreateUserCommand("viewer", false), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("open", "viewer", Role.Viewer), Tester, Ct);
        var viewer = await ActorAsync("viewer");

        var hits = await Store.SearchAsync("run", 20, viewer.Access, Ct);

        Assert.Equal(["open/zoo/open-run"], hits.Select(h => h.Path).ToArray());
        await Assert.ThrowsAsync<InvalidArgumentException>(() => Store.SearchAsync("  ", 20, All, Ct));
        await Assert.ThrowsAsync<LimitExceededException>(() => Store.SearchAsync(new string('x', 101), 20, All, Ct));
        await Assert.ThrowsAsync<InvalidArgumentException>(() => Store.SearchAsync("run", 0, All, Ct));
        await Assert.ThrowsAsync<InvalidArgumentException>(() => Store.SearchAsync("ru\u0000n", 20, All, Ct));
    }
}
