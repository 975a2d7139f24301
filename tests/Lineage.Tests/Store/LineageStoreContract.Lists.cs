using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;

namespace Lineage.Tests.Store;

public abstract partial class LineageStoreContract
{
    [Fact]
    public async Task a_projects_runs_are_filtered_by_job_type_state_creator_time_and_name()
    {
        var project = await SeedRunsAsync();
        var runs = await RunsAsync(project);

        Assert.Equal(["prep-a", "prep-b"], await ListNamesAsync(project, new ListFilter { Types = ["preprocess"] }));
        Assert.Equal(["train-a", "TRAIN-B-upper", "train-c", "eval-x"], await ListNamesAsync(project, new ListFilter { Types = ["train", "eval"] }));
        Assert.Equal(["train-c"], await ListNamesAsync(project, new ListFilter { Types = ["train"], States = [RunState.Failed] }));
        Assert.Equal(["prep-a", "train-c"], await ListNamesAsync(project, new ListFilter { States = [RunState.Failed, RunState.Crashed] }));
        Assert.Equal(["eval-x"], await ListNamesAsync(project, new ListFilter { CreatedBy = "bot" }));
        Assert.Empty(await ListNamesAsync(project, new ListFilter { CreatedBy = "nobody" }));
        Assert.Equal(["TRAIN-B-upper"], await ListNamesAsync(project, new ListFilter { NameContains = "b-UP" }));
        Assert.Equal(["train-a", "TRAIN-B-upper", "train-c"], await ListNamesAsync(project, new ListFilter { NameContains = "Train" }));
        Assert.Equal(["notype"], await ListNamesAsync(project, new ListFilter { NameContains = "noty" }));
        Assert.Empty(await ListNamesAsync(project, new ListFilter { NameContains = "%" }));

        // createdAfter keeps its own instant, createdBefore does not.
        var third = runs["train-c"].CreatedAt;
        Assert.Equal(["prep-a", "prep-b", "train-a", "TRAIN-B-upper"], await ListNamesAsync(project, new ListFilter { CreatedBefore = third }));
        Assert.Equal(["train-c", "eval-x", "notype"], await ListNamesAsync(project, new ListFilter { CreatedAfter = third }));
        Assert.Equal(["train-c"], await ListNamesAsync(project, new ListFilter { CreatedAfter = third, CreatedBefore = runs["eval-x"].CreatedAt }));

        Assert.Equal(7, await Store.CountListAsync(Query(ListKind.ProjectRuns, project, ListFilter.None), Ct));
        Assert.Equal(3, await Store.CountListAsync(Query(ListKind.ProjectRuns, project, new ListFilter { Types = ["train"] }), Ct));
        Assert.Equal(0, await Store.CountListAsync(Query(ListKind.ProjectRuns, project, new ListFilter { Types = ["deploy"] }), Ct));
    }

    [Fact]
    public async Task every_order_pages_through_the_whole_list_once_in_either_direction()
    {
        var project = await SeedRunsAsync();
        var all = await ListNamesAsync(project, ListFilter.None);
        Assert.Equal(["prep-a", "prep-b", "train-a", "TRAIN-B-upper", "train-c", "eval-x", "notype"], all);

        var expected = new Dictionary<(ListOrderField, bool), string[]>
        {
            [(ListOrderField.CreatedAt, true)] = ["notype", "eval-x", "train-c", "TRAIN-B-upper", "train-a", "prep-b", "prep-a"],
            [(ListOrderField.Name, false)] = ["TRAIN-B-upper", "eval-x", "notype", "prep-a", "prep-b", "train-a", "train-c"],
            [(ListOrderField.Name, true)] = ["train-c", "train-a", "prep-b", "prep-a", "notype", "eval-x", "TRAIN-B-upper"],

            // Ties keep creation order, in the same direction; runs without a job type come first.
            [(ListOrderField.Type, false)] = ["notype", "eval-x", "prep-a", "prep-b", "train-a", "TRAIN-B-upper", "train-c"],
            [(ListOrderField.Type, true)] = ["train-c", "TRAIN-B-upper", "train-a", "prep-b", "prep-a", "eval-x", "notype"],
            [(ListOrderField.State, false)] = ["prep-a", "train-c", "prep-b", "eval-x", "train-a", "TRAIN-B-upper", "notype"],
        };
        foreach (var ((field, descending), names) in expected)
        {
            foreach (var size in new[] { 1, 2, 3, 7 })
            {
                var order = new ListOrder(field, descending);
                Assert.Equal(names, await PagedNamesAsync(project, order, size));
            }
        }
    }

    [Fact]
    public async Task a_cursor_from_another_list_is_refused_and_an_item_that_left_the_filter_still_places_the_page()
    {
        var project = await SeedRunsAsync();
        var other = (await RunAsync("acme/other/solo")).Id;

        var refused = await Assert.ThrowsAsync<InvalidArgumentException>(
            () => Store.ListPageAsync(Query(ListKind.ProjectRuns, project, ListFilter.None) with { Page = new PageRequest(5, other) }, Ct));
        Assert.Equal("after", refused.Argument);

        // A cursor from the unfiltered list continues a filtered one after the same place.
        var runs = await RunsAsync(project);
        var page = await Store.ListPageAsync(
            Query(ListKind.ProjectRuns, project, new ListFilter { Types = ["train"] }) with { Page = new PageRequest(10, runs["prep-b"].Id) }, Ct);
        Assert.Equal(["train-a", "TRAIN-B-upper", "train-c"], await NamesAsync(page));
    }

    [Fact]
    public async Task artifacts_versions_collections_and_projects_take_their_own_filters_and_orders()
    {
        await RunAsync("acme/zoo/maker");
        await LogAsync("acme/zoo/maker", "raw", "sha256:r0", "dataset");
        await LogAsync("acme/zoo/maker", "raw", "sha256:r1", "dataset");
        await LogAsync("acme/zoo/maker", "raw", "sha256:r2", "dataset");
        await LogAsync("acme/zoo/maker", "model", "sha256:m0", "model");
        await LogAsync("acme/zoo/maker", "Zoo_split", "sha256:s0", "dataset");
        await Writes.AddAliasAsync(new AliasCommand(VersionRef.Parse("acme/zoo/raw:v1"), "best"), Tester, Ct);
        await Registries.AddTagsAsync(new TagsCommand("acme/zoo/raw:v0", ["audited"]), Tester, Ct);
        var project = (await Store.RequireProjectAsync(ProjectPath.Parse("acme/zoo"), All, Ct)).Id;
        var raw = (await VersionAsync("acme/zoo/raw:v0")).ArtifactId;

        Assert.Equal(["raw", "Zoo_split"], await IdsToNamesAsync(ListKind.ProjectArtifacts, project, new ListFilter { Types = ["dataset"] }));
        Assert.Equal(["Zoo_split"], await IdsToNamesAsync(ListKind.ProjectArtifacts, project, new ListFilter { NameContains = "zoo" }));
        Assert.Equal(["model", "Zoo_split", "raw"], await IdsToNamesAsync(ListKind.ProjectArtifacts, project, ListFilter.None, new ListOrder(ListOrderField.Type, true)));
        Assert.Equal(["Zoo_split", "model", "raw"], await IdsToNamesAsync(ListKind.ProjectArtifacts, project, ListFilter.None, new ListOrder(ListOrderField.Name, false)));

        Assert.Equal(["raw:v1", "raw:v2"], await IdsToNamesAsync(ListKind.ArtifactVersions, raw, new ListFilter { Aliases = ["best", "latest"] }));
        Assert.Equal(["raw:v0"], await IdsToNamesAsync(ListKind.ArtifactVersions, raw, new ListFilter { Tags = ["audited"] }));
        Assert.Equal(["raw:v2", "raw:v1", "raw:v0"], await IdsToNamesAsync(ListKind.ArtifactVersions, raw, ListFilter.None, new ListOrder(ListOrderField.Version, true)));
        Assert.Equal(1, await Store.CountListAsync(Query(ListKind.ArtifactVersions, raw, new ListFilter { Aliases = ["latest"] }), Ct));

        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Organization, null), Tester, Ct);
        var registry = 0L;
        foreach (var (name, type) in new[] { ("classifier", "model"), ("splits", "dataset"), ("Another", "model") })
        {
            registry = (await Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/models"), name, type, null), Tester, Ct)).RegistryId;
        }

        await Registries.AddTagsAsync(new TagsCommand("acme/models/splits", ["gold"]), Tester, Ct);
        Assert.Equal(["classifier", "Another"], await IdsToNamesAsync(ListKind.RegistryCollections, registry, new ListFilter { Types = ["model"] }));
        Assert.Equal(["splits"], await IdsToNamesAsync(ListKind.RegistryCollections, registry, new ListFilter { Tags = ["gold"] }));
        Assert.Equal(["Another", "classifier", "splits"], await IdsToNamesAsync(ListKind.RegistryCollections, registry, ListFilter.None, new ListOrder(ListOrderField.Name, false)));

        await RunAsync("acme/alpha/r");
        var acme = (await Store.RequireProjectAsync(ProjectPath.Parse("acme/alpha"), All, Ct)).NamespaceId;
        Assert.Equal(["alpha"], await IdsToNamesAsync(ListKind.NamespaceProjects, acme, new ListFilter { NameContains = "ALP" }));
        Assert.Equal(["zoo", "alpha"], await IdsToNamesAsync(ListKind.NamespaceProjects, acme, ListFilter.None, new ListOrder(ListOrderField.Name, true)));
    }

    [Fact]
    public async Task a_projects_tiles_count_its_runs_per_job_type_and_state_and_its_artifacts_per_type()
    {
        var project = await SeedRunsAsync();
        await LogAsync("acme/zoo/train-a", "m1", "sha256:1", "model");
        await LogAsync("acme/zoo/train-a", "d1", "sha256:2", "dataset");
        await LogAsync("acme/zoo/train-a", "d2", "sha256:3", "dataset");

        Assert.Equal(["train 3", "preprocess 2", "eval 1", "- 1"], Lines(await Store.TallyAsync(TallyKind.JobTypes, project, 50, Ct)));
        Assert.Equal(["RUNNING 3", "FAILED 2", "FINISHED 2"], Lines(await Store.TallyAsync(TallyKind.RunStates, project, 50, Ct)));
        Assert.Equal(["dataset 2", "model 1"], Lines(await Store.TallyAsync(TallyKind.ArtifactTypes, project, 50, Ct)));
        Assert.Equal(["train 3"], Lines(await Store.TallyAsync(TallyKind.JobTypes, project, 1, Ct)));

        static string[] Lines(IReadOnlyList<Tally> tallies) => [.. tallies.Select(t => $"{t.Value ?? "-"} {t.Count}")];
    }

    [Fact]
    public async Task a_walk_as_of_a_past_time_follows_only_the_edges_recorded_by_then_and_still_hides_what_the_caller_cannot_see()
    {
        var n = await SeedPipelineAsync();
        await Task.Delay(20, Ct);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(20, Ct);
        await RunAsync("acme/zoo/retrain", "train");
        await UseAsync("acme/zoo/retrain", "acme/zoo/split:v0");
        await LogAsync("acme/zoo/retrain", "model", "m1", "model");
        await RunAsync("other/lab/peek", "eval");
        await UseAsync("other/lab/peek", "acme/zoo/split:v2");

        Task<LineageGraph> WalkAsync(NodeRef start, LineageDirection direction, DateTimeOffset? asOf, Access access) =>
            Store.GetLineageAsync(new LineageQuery(start, direction, 10, null, null, 1000) { AsOf = asOf }, access, Ct);

        var now = await WalkAsync(n["prep"], LineageDirection.Downstream, null, All);
        var then = await WalkAsync(n["prep"], LineageDirection.Downstream, cut, All);
        Assert.Contains(now.Nodes, x => x.Name == "retrain");
        Assert.Contains(now.Nodes, x => x.Name == "peek");
        Assert.Equal(
            new Dictionary<string, int> { ["prep"] = 0, ["split:v0"] = 1, ["split:v1"] = 1, ["split:v2"] = 1, ["train"] = 2, ["model:v0"] = 3, ["eval"] = 4, ["report:v0"] = 5 },
            Hops(then));
        Assert.Equal(7, then.Edges.Count);
        Assert.All(then.Nodes, x => Assert.False(string.IsNullOrEmpty(x.Path)));
        Assert.Equal("acme/zoo/split:v2", then.Nodes.Single(x => x.Name == "split:v2").Path);

        var model = (await VersionAsync("acme/zoo/model:v1")).Id;
        var upstream = await WalkAsync(NodeRef.Version(model), LineageDirection.Upstream, null, All);
        Assert.Equal(["model:v1", "retrain", "split:v0", "prep", "raw:v0", "upload"], upstream.Nodes.Select(x => x.Name));

        // The same past walk for a reader of acme alone: the other namespace is not walked into.
        await Identities.CreateUserAsync(new CreateUserCommand("reader", false), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme", "reader", Role.Viewer), Tester, Ct);
        var reader = (await ActorAsync("reader")).Access;
        var seen = await WalkAsync(n["split"], LineageDirection.Downstream, DateTimeOffset.UtcNow, reader);
        Assert.DoesNotContain(seen.Nodes, x => x.Name == "peek");
        Assert.Contains(seen.Nodes, x => x.Name == "report:v0");
    }

    // ---- helpers -------------------------------------------------------------------------

    /// <summary>
    /// acme/zoo with runs, in creation order: prep-a (preprocess, FAILED), prep-b (preprocess,
    /// FINISHED), train-a (train), TRAIN-B-upper (train), train-c (train, FAILED), eval-x (eval,
    /// by bot, FINISHED), notype (no job type); the rest RUNNING.
    /// </summary>
    private async Task<long> SeedRunsAsync()
    {
        await RunAsync("acme/zoo/prep-a", "preprocess");
        await RunAsync("acme/zoo/prep-b", "preprocess");
        await RunAsync("acme/zoo/train-a", "train");
        await RunAsync("acme/zoo/TRAIN-B-upper", "train");
        await RunAsync("acme/zoo/train-c", "train");
        await Writes.CreateRunAsync(new CreateRunCommand(RunPath.Parse("acme/zoo/eval-x"), "eval", null), Actor.System("bot"), Ct);
        await RunAsync("acme/zoo/notype", null);
        await Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/prep-a"), RunState.Failed), Tester, Ct);
        await Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/prep-b"), RunState.Finished), Tester, Ct);
        await Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/train-c"), RunState.Failed), Tester, Ct);
        await Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/eval-x"), RunState.Finished), Tester, Ct);
        return (await Store.RequireProjectAsync(ProjectPath.Parse("acme/zoo"), All, Ct)).Id;
    }

    private static ListQuery Query(ListKind kind, long parent, ListFilter filter, ListOrder? order = null) =>
        ListRules.Check(kind, parent, filter, order ?? ListOrder.Default, new PageRequest(100));

    private async Task<Dictionary<string, RunRecord>> RunsAsync(long project)
    {
        var page = await Store.ListPageAsync(Query(ListKind.ProjectRuns, project, ListFilter.None), Ct);
        return (await Store.GetRunsAsync([.. page.Items.Select(i => i.Value)], Ct)).ToDictionary(r => r.Name);
    }

    private async Task<List<string>> ListNamesAsync(long project, ListFilter filter) =>
        await NamesAsync(await Store.ListPageAsync(Query(ListKind.ProjectRuns, project, filter), Ct));

    private async Task<List<string>> NamesAsync(Page<long> page)
    {
        var runs = (await Store.GetRunsAsync([.. page.Items.Select(i => i.Value)], Ct)).ToDictionary(r => r.Id, r => r.Name);
        return [.. page.Items.Select(i => runs[i.Value])];
    }

    /// <summary>The whole list read <paramref name="size"/> items a page, following each page's last key.</summary>
    private async Task<List<string>> PagedNamesAsync(long project, ListOrder order, int size)
    {
        var names = new List<string>();
        var after = 0L;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await Store.ListPageAsync(Query(ListKind.ProjectRuns, project, ListFilter.None, order) with { Page = new PageRequest(size, after) }, Ct);
            names.AddRange(await NamesAsync(page));
            if (!page.HasNextPage)
            {
                return names;
            }

            Assert.Equal(size, page.Items.Count);
            after = page.Items[^1].Key;
        }

        throw new InvalidOperationException("paging did not end");
    }

    private async Task<List<string>> IdsToNamesAsync(ListKind kind, long parent, ListFilter filter, ListOrder? order = null)
    {
        var ids = (await Store.ListPageAsync(Query(kind, parent, filter, order), Ct)).Items.Select(i => i.Value).ToList();
        return kind switch
        {
            ListKind.ProjectArtifacts => [.. Ordered(await Store.GetArtifactsAsync(ids, Ct), a => a.Id, a => a.Name)],
            ListKind.ArtifactVersions => [.. Ordered(await Store.GetVersionsAsync(ids, Ct), v => v.Id, v => v.Name)],
            ListKind.RegistryCollections => [.. Ordered(await Registries.GetCollectionsAsync(ids, Ct), c => c.Id, c => c.Name)],
            ListKind.NamespaceProjects => [.. Ordered(await Store.GetProjectsAsync(ids, Ct), p => p.Id, p => p.Name)],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        IEnumerable<string> Ordered<T>(IReadOnlyList<T> records, Func<T, long> id, Func<T, string> name)
        {
            var byId = records.ToDictionary(id, name);
            return ids.Select(i => byId[i]);
        }
    }
}
