using Lineage.Application;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;

namespace Lineage.Tests.Store;

/// <summary>
/// What every store must do, written once. A store's test class only says how to open a fresh,
/// empty store; each test gets its own.
/// </summary>
public abstract partial class LineageStoreContract : IAsyncLifetime
{
    protected static readonly Actor Tester = Actor.System("tester");

    protected static Access All => Access.Administrator;

    private ILineageStore? _store;

    protected ILineageStore Store => _store ?? throw new InvalidOperationException("store not opened");

    /// <summary>Every store keeps identities next to the lineage it guards.</summary>
    protected Identities Identities => new((IIdentityStore)Store, (IStoreSessionSource)Store, TimeProvider.System);

    /// <summary>The application layer's writes over the store under test.</summary>
    protected LineageWrites Writes => new((IStoreSessionSource)Store);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await OpenEmptyStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected abstract Task<ILineageStore> OpenEmptyStoreAsync();

    // ---- helpers -------------------------------------------------------------------------

    /// <summary>The actor an API key of <paramref name="principal"/> authenticates as, roles included.</summary>
    protected async Task<Actor> ActorAsync(string principal)
    {
        var token = ApiKeyToken.Generate();
        await Identities.CreateApiKeyAsync(new CreateApiKeyCommand(principal, "test", null, token.Id, token.Hash()), Tester, Ct);
        var credential = await Identities.FindCredentialAsync(token.Id, Ct) ?? throw new InvalidOperationException("key not stored");
        return new Actor(credential.Principal.Name, credential.Access, credential.Principal.Id);
    }

    /// <summary>Records a run, first making its namespace (an organization) when there is none: runs never make namespaces.</summary>
    protected async Task<RunRecord> RunAsync(string path, string? jobType = "train", string? config = null)
    {
        var run = RunPath.Parse(path);
        await NamespaceAsync(run.Namespace);
        return await Writes.CreateRunAsync(new CreateRunCommand(run, jobType, JsonObjectText.Parse(config, "config")), Tester, Ct);
    }

    /// <summary>The organization <paramref name="name"/>, made if it does not exist yet.</summary>
    protected async Task NamespaceAsync(string name)
    {
        if (await Identities.FindNamespaceAsync(name, All, Ct) is null)
        {
            await Identities.CreateNamespaceAsync(new CreateNamespaceCommand(name, NamespaceKind.Organization, null), Tester, Ct);
        }
    }

    protected Task<VersionRecord> LogAsync(string run, string name, string digest, string type = "dataset", params string[] aliases) =>
        Writes.LogArtifactAsync(new LogArtifactCommand(RunPath.Parse(run), name, type, digest, null, aliases), Tester, Ct);

    protected Task<VersionRecord> UseAsync(string run, string version) =>
        Writes.UseArtifactAsync(new UseArtifactCommand(RunPath.Parse(run), VersionRef.Parse(version)), Tester, Ct);

    protected async Task<VersionRecord> VersionAsync(string name) =>
        await Store.FindVersionAsync(VersionRef.Parse(name), All, Ct) ?? throw new InvalidOperationException($"{name} not found");

    protected async Task<List<string>> PageNamesAsync(Relation relation, long parent, int first = 100)
    {
        var pages = await Store.GetPagesAsync(relation, [parent], new PageRequest(first), All, Ct);
        var ids = pages[parent].Items.Select(i => i.Value).ToList();
        return relation is Relation.UsedBy or Relation.Loggers or Relation.ProjectRuns
            ? [.. (await Store.GetRunsAsync(ids, Ct)).Select(r => r.Name)]
            : [.. (await Store.GetVersionsAsync(ids, Ct)).Select(v => v.Name)];
    }

    // ---- runs and projects ----------------------------------------------------------------

    [Fact]
    public async Task creating_a_run_creates_its_project_and_records_who_and_when()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var run = await RunAsync("acme/zoo/rural-feather-20", "train", """{"lr":0.1}""");

        Assert.Equal("acme/zoo/rural-feather-20", run.Path);
        Assert.Equal("train", run.JobType);
        Assert.Equal(RunState.Running, run.State);
        Assert.Equal("""{"lr":0.1}""", run.ConfigJson);
        Assert.Equal("tester", run.CreatedBy);
        Assert.InRange(run.CreatedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        var project = await Store.FindProjectAsync(ProjectPath.Parse("acme/zoo"), All, Ct);
        Assert.NotNull(project);
        Assert.Equal(run.ProjectId, project.Id);
        Assert.Equal(run, await Store.FindRunAsync(RunPath.Parse("acme/zoo/rural-feather-20"), All, Ct));
    }

    [Fact]
    public async Task a_run_name_is_unique_in_its_project_but_not_across_projects()
    {
        await RunAsync("acme/zoo/r1");
        var again = await Assert.ThrowsAsync<ConflictException>(() => RunAsync("acme/zoo/r1"));
        Assert.Contains("acme/zoo/r1", again.Message, StringComparison.Ordinal);
        var other = await RunAsync("acme/farm/r1");
        Assert.Equal("acme/farm/r1", other.Path);
    }

    [Fact]
    public async Task a_run_never_makes_a_namespace_and_an_administrator_is_told_to_create_it()
    {
        await Identities.CreateUserAsync(new CreateUserCommand("someone", false), Tester, Ct);
        var member = await ActorAsync("someone");
        var refused = await Assert.ThrowsAsync<NotFoundException>(() =>
            Writes.CreateRunAsync(new CreateRunCommand(RunPath.Parse("newco/p/r"), null, null), member, Ct));
        Assert.Equal("namespace 'newco' not found", refused.Message);
        var typo = await Assert.ThrowsAsync<NotFoundException>(() =>
            Writes.CreateRunAsync(new CreateRunCommand(RunPath.Parse("newco/p/r"), null, null), Tester, Ct));
        Assert.Contains("createNamespace(input: { name: \"newco\"", typo.Message, StringComparison.Ordinal);
        Assert.Null(await Identities.FindNamespaceAsync("newco", All, Ct));
        Assert.Null(await Store.FindProjectAsync(ProjectPath.Parse("newco/p"), All, Ct));

        await NamespaceAsync("newco");
        await RunAsync("newco/p/first");
        await Identities.GrantRoleAsync(new GrantRoleCommand("newco", "someone", Role.Member), Tester, Ct);
        var run = await Writes.CreateRunAsync(new CreateRunCommand(RunPath.Parse("newco/p/second"), null, null), await ActorAsync("someone"), Ct);
        Assert.Equal("someone", run.CreatedBy);
    }

    [Fact]
    public async Task a_run_ends_once()
    {
        await RunAsync("acme/zoo/r");
        var finished = await Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/r"), RunState.Failed), Tester, Ct);

        Assert.Equal(RunState.Failed, finished.State);
        Assert.Equal(RunState.Failed, (await Store.FindRunAsync(RunPath.Parse("acme/zoo/r"), All, Ct))!.State);
        await Assert.ThrowsAsync<ConflictException>(() =>
            Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/r"), RunState.Finished), Tester, Ct));
        await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/r"), RunState.Running), Tester, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/ghost"), RunState.Finished), Tester, Ct));
    }

    // ---- logging and versions ---------------------------------------------------------------

    [Fact]
    public async Task logging_new_content_creates_the_next_version_and_moves_latest()
    {
        await RunAsync("acme/zoo/prep");
        var v0 = await LogAsync("acme/zoo/prep", "split_zoo_dataset", "d0");
        var v1 = await LogAsync("acme/zoo/prep", "split_zoo_dataset", "d1");

        Assert.Equal((0, "split_zoo_dataset:v0", "acme/zoo/split_zoo_dataset:v0"), (v0.VersionIndex, v0.Name, v0.QualifiedName));
        Assert.Equal(1, v1.VersionIndex);
        Assert.Equal(["latest"], v1.Aliases);
        Assert.Empty((await VersionAsync("acme/zoo/split_zoo_dataset:v0")).Aliases);
        Assert.Equal(v1.Id, (await VersionAsync("acme/zoo/split_zoo_dataset:latest")).Id);
        Assert.Equal(v1.Id, (await VersionAsync("acme/zoo/split_zoo_dataset")).Id);
        Assert.Equal("tester", v1.CreatedBy);
    }

    [Fact]
    public async Task logging_content_already_logged_records_one_more_logger_and_no_new_version()
    {
        var first = await RunAsync("acme/zoo/first");
        var second = await RunAsync("acme/zoo/second");
        var v0 = await LogAsync(first.Path, "data", "same");
        var again = await LogAsync(second.Path, "data", "same");
        var twice = await LogAsync(second.Path, "data", "same");

        Assert.Equal(v0.Id, again.Id);
        Assert.Equal(v0.Id, twice.Id);
        Assert.Equal(first.Id, again.LoggedByRunId);
        Assert.Equal(["first", "second"], await PageNamesAsync(Relation.Loggers, v0.Id));
        Assert.Equal(["data:v0"], await PageNamesAsync(Relation.LoggedArtifacts, second.Id));
        var versions = await Store.GetPagesAsync(Relation.ArtifactVersions, [v0.ArtifactId], new PageRequest(10), All, Ct);
        Assert.Single(versions[v0.ArtifactId].Items);
    }

    [Fact]
    public async Task an_artifact_keeps_its_type()
    {
        await RunAsync("acme/zoo/r");
        await LogAsync("acme/zoo/r", "thing", "d0", "dataset");
        var refused = await Assert.ThrowsAsync<ConflictException>(() => LogAsync("acme/zoo/r", "thing", "d1", "model"));
        Assert.Contains("'dataset'", refused.Message, StringComparison.Ordinal);
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/zoo/thing:v1"), All, Ct));
    }

    [Fact]
    public async Task metadata_size_and_files_are_kept_with_the_version()
    {
        await RunAsync("acme/zoo/r");
        VersionFile[] files = [new("train.csv", "f1", 100), new("test.csv", "f2", 20)];
        var version = await Writes.LogArtifactAsync(
            new LogArtifactCommand(RunPath.Parse("acme/zoo/r"), "data", "dataset", "d0", JsonObjectText.Parse("""{"rows":120}""", "metadata"), [], null, files), Tester, Ct);

        Assert.Equal("""{"rows":120}""", version.MetadataJson);
        Assert.Equal(120, version.Size);
        var page = await Store.GetFilesAsync(version.Id, new PageRequest(1), Ct);
        Assert.Equal("train.csv", Assert.Single(page.Items).Value.Path);
        Assert.True(page.HasNextPage);
        var rest = await Store.GetFilesAsync(version.Id, new PageRequest(10, page.Items[0].Key), Ct);
        Assert.Equal(new VersionFile("test.csv", "f2", 20), Assert.Single(rest.Items).Value);
        Assert.Equal(2, (await Store.CountAsync(Relation.VersionFiles, [version.Id], All, Ct))[version.Id]);
    }

    [Fact]
    public async Task logging_into_an_unknown_run_is_not_found_and_stores_nothing()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => LogAsync("acme/zoo/ghost", "data", "d0"));
        Assert.Null(await Store.FindProjectAsync(ProjectPath.Parse("acme/zoo"), All, Ct));
    }

    // ---- aliases --------------------------------------------------------------------------

    [Fact]
    public async Task an_alias_moves_to_the_version_it_is_given_to()
    {
        await RunAsync("acme/zoo/r");
        await LogAsync("acme/zoo/r", "model", "m0", "model", "production");
        await LogAsync("acme/zoo/r", "model", "m1", "model");

        var moved = await Writes.AddAliasAsync(new AliasCommand(VersionRef.Parse("acme/zoo/model:v1"), "production"), Tester, Ct);

        Assert.Equal(["production", "latest"], moved.Aliases);
        Assert.Empty((await VersionAsync("acme/zoo/model:v0")).Aliases);
        Assert.Equal(moved.Id, (await VersionAsync("acme/zoo/model:production")).Id);
    }

    [Fact]
    public async Task removing_an_alias_requires_the_version_to_hold_it()
    {
        await RunAsync("acme/zoo/r");
        await LogAsync("acme/zoo/r", "model", "m0", "model", "staging");
        await LogAsync("acme/zoo/r", "model", "m1", "model");

        await Assert.ThrowsAsync<NotFoundException>(() =>
            Writes.RemoveAliasAsync(new AliasCommand(VersionRef.Parse("acme/zoo/model:v1"), "staging"), Tester, Ct));
        var removed = await Writes.RemoveAliasAsync(new AliasCommand(VersionRef.Parse("acme/zoo/model:staging"), "staging"), Tester, Ct);

        Assert.Empty(removed.Aliases);
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/zoo/model:staging"), All, Ct));
    }

    [Fact]
    public async Task aliases_given_when_logging_existing_content_move_to_that_version()
    {
        await RunAsync("acme/zoo/r");
        await LogAsync("acme/zoo/r", "data", "d0", "dataset", "best");
        await LogAsync("acme/zoo/r", "data", "d1", "dataset", "best");
        var back = await LogAsync("acme/zoo/r", "data", "d0", "dataset", "best");

        Assert.Equal(0, back.VersionIndex);
        Assert.Equal(["best"], back.Aliases);
    }

    // ---- use and cycles ---------------------------------------------------------------------

    [Fact]
    public async Task using_a_version_is_recorded_once_and_walks_both_ways()
    {
        var prep = await RunAsync("acme/zoo/prep", "preprocess");
        var train = await RunAsync("acme/zoo/train");
        var data = await LogAsync(prep.Path, "data", "d0");
        await UseAsync(train.Path, "acme/zoo/data:v0");
        await UseAsync(train.Path, "acme/zoo/data:latest");

        Assert.Equal(["train"], await PageNamesAsync(Relation.UsedBy, data.Id));
        Assert.Equal(["data:v0"], await PageNamesAsync(Relation.UsedArtifacts, train.Id));
        Assert.Equal(1, (await Store.CountAsync(Relation.UsedBy, [data.Id], All, Ct))[data.Id]);
    }

    [Fact]
    public async Task using_a_version_downstream_of_the_run_is_refused_with_the_cycle()
    {
        await RunAsync("acme/zoo/prep", "preprocess");
        await RunAsync("acme/zoo/train");
        await LogAsync("acme/zoo/prep", "data", "d0");
        await UseAsync("acme/zoo/train", "acme/zoo/data:v0");
        await LogAsync("acme/zoo/train", "model", "m0", "model");

        var refused = await Assert.ThrowsAsync<CycleDetectedException>(() => UseAsync("acme/zoo/prep", "acme/zoo/model:v0"));

        Assert.Equal(
            ["acme/zoo/model:v0", "acme/zoo/prep", "acme/zoo/data:v0", "acme/zoo/train", "acme/zoo/model:v0"],
            refused.Path);
        Assert.Empty(await PageNamesAsync(Relation.UsedArtifacts, (await Store.FindRunAsync(RunPath.Parse("acme/zoo/prep"), All, Ct))!.Id));
    }

    [Fact]
    public async Task a_run_cannot_use_what_it_logged()
    {
        await RunAsync("acme/zoo/r");
        await LogAsync("acme/zoo/r", "data", "d0");
        var refused = await Assert.ThrowsAsync<CycleDetectedException>(() => UseAsync("acme/zoo/r", "acme/zoo/data:v0"));
        Assert.Equal(["acme/zoo/data:v0", "acme/zoo/r", "acme/zoo/data:v0"], refused.Path);
    }

    [Fact]
    public async Task relogging_content_that_is_upstream_of_the_run_is_refused_and_stores_nothing()
    {
        // prep logs data:v0; train uses it and logs model; then train logs content equal to
        // data:v0 again. Deduplication would make train a logger of its own input.
        await RunAsync("acme/zoo/prep", "preprocess");
        var train = await RunAsync("acme/zoo/train");
        await LogAsync("acme/zoo/prep", "data", "d0");
        await UseAsync(train.Path, "acme/zoo/data:v0");

        var refused = await Assert.ThrowsAsync<CycleDetectedException>(() => LogAsync(train.Path, "data", "d0", "dataset", "refused"));

        Assert.Equal(["acme/zoo/train", "acme/zoo/data:v0", "acme/zoo/train"], refused.Path);
        var data = await VersionAsync("acme/zoo/data:v0");
        Assert.DoesNotContain("refused", data.Aliases);
        Assert.Equal(["prep"], await PageNamesAsync(Relation.Loggers, data.Id));
        Assert.Empty(await PageNamesAsync(Relation.LoggedArtifacts, train.Id));
    }

    [Fact]
    public async Task a_long_cycle_through_a_deduplicated_log_is_refused()
    {
        // a → d0 → b → d1 → c → d2; c re-logs d0's content into d0's artifact.
        foreach (var r in new[] { "a", "b", "c" })
        {
            await RunAsync($"acme/zoo/{r}");
        }

        await LogAsync("acme/zoo/a", "d", "x0");
        await UseAsync("acme/zoo/b", "acme/zoo/d:v0");
        await LogAsync("acme/zoo/b", "e", "x1");
        await UseAsync("acme/zoo/c", "acme/zoo/e:v0");

        var refused = await Assert.ThrowsAsync<CycleDetectedException>(() => LogAsync("acme/zoo/c", "d", "x0"));
        Assert.Equal(["acme/zoo/c", "acme/zoo/d:v0", "acme/zoo/b", "acme/zoo/e:v0", "acme/zoo/c"], refused.Path);

        // Content not upstream of c deduplicates as usual.
        await RunAsync("acme/zoo/other");
        await LogAsync("acme/zoo/other", "f", "y0");
        var shared = await LogAsync("acme/zoo/c", "f", "y0");
        Assert.Equal(0, shared.VersionIndex);
    }

    [Fact]
    public async Task concurrent_writers_cannot_close_a_cycle_between_them()
    {
        // Each round: x logs X, y logs Y; then at once x uses Y and y uses X.
        // Either write alone is fine; both together would close X → y → Y → x → X.
        var rounds = 20;
        var refusedTotal = 0;
        for (var i = 0; i < rounds; i++)
        {
            await RunAsync($"acme/race/x{i}");
            await RunAsync($"acme/race/y{i}");
            await LogAsync($"acme/race/x{i}", $"X{i}", "a");
            await LogAsync($"acme/race/y{i}", $"Y{i}", "b");
        }

        var attempts = Enumerable.Range(0, rounds).SelectMany(i => new Func<Task>[]
        {
            () => UseAsync($"acme/race/x{i}", $"acme/race/Y{i}:v0"),
            () => UseAsync($"acme/race/y{i}", $"acme/race/X{i}:v0"),
        }).Select(attempt => Task.Run(async () =>
        {
            try
            {
                await attempt();
                return 0;
            }
            catch (CycleDetectedException)
            {
                return 1;
            }
        }, Ct)).ToList();
        refusedTotal = (await Task.WhenAll(attempts)).Sum();

        Assert.Equal(rounds, refusedTotal);
        for (var i = 0; i < rounds; i++)
        {
            var x = await Store.FindRunAsync(RunPath.Parse($"acme/race/x{i}"), All, Ct);
            var y = await Store.FindRunAsync(RunPath.Parse($"acme/race/y{i}"), All, Ct);
            var used = (await PageNamesAsync(Relation.UsedArtifacts, x!.Id)).Count + (await PageNamesAsync(Relation.UsedArtifacts, y!.Id)).Count;
            Assert.Equal(1, used);
        }
    }

    [Fact]
    public async Task using_an_unknown_version_is_not_found()
    {
        await RunAsync("acme/zoo/r");
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => UseAsync("acme/zoo/r", "acme/zoo/nothing:v3"));
        Assert.Contains("acme/zoo/nothing:v3", missing.Message, StringComparison.Ordinal);
    }

    // ---- pagination ---------------------------------------------------------------------------

    [Fact]
    public async Task pages_follow_keys_and_batch_many_parents_in_one_call()
    {
        await RunAsync("acme/zoo/prep");
        var a = await LogAsync("acme/zoo/prep", "a", "a0");
        var b = await LogAsync("acme/zoo/prep", "b", "b0");
        for (var i = 0; i < 5; i++)
        {
            await RunAsync($"acme/zoo/t{i}");
            await UseAsync($"acme/zoo/t{i}", "acme/zoo/a:v0");
            if (i < 2)
            {
                await UseAsync($"acme/zoo/t{i}", "acme/zoo/b:v0");
            }
        }

        var first = await Store.GetPagesAsync(Relation.UsedBy, [a.Id, b.Id], new PageRequest(2), All, Ct);
        Assert.Equal(2, first[a.Id].Items.Count);
        Assert.True(first[a.Id].HasNextPage);
        Assert.Equal(2, first[b.Id].Items.Count);
        Assert.False(first[b.Id].HasNextPage);

        var names = new List<string>();
        var after = 0L;
        while (true)
        {
            var page = (await Store.GetPagesAsync(Relation.UsedBy, [a.Id], new PageRequest(2, after), All, Ct))[a.Id];
            names.AddRange((await Store.GetRunsAsync([.. page.Items.Select(i => i.Value)], Ct)).Select(r => r.Name));
            if (!page.HasNextPage)
            {
                break;
            }

            after = page.Items[^1].Key;
        }

        Assert.Equal(["t0", "t1", "t2", "t3", "t4"], names);
        var counts = await Store.CountAsync(Relation.UsedBy, [a.Id, b.Id, 999_999], All, Ct);
        Assert.Equal((5, 2, 0), (counts[a.Id], counts[b.Id], counts[999_999]));
    }

    // ---- lineage --------------------------------------------------------------------------------

    /// <summary>raw → prep → split:v0..v2; train uses split:v2 → model; eval uses model → report.</summary>
    protected async Task<Dictionary<string, NodeRef>> SeedPipelineAsync()
    {
        await RunAsync("acme/zoo/upload", "upload");
        await RunAsync("acme/zoo/prep", "preprocess");
        await RunAsync("acme/zoo/train", "train");
        await RunAsync("acme/zoo/eval", "eval");
        var raw = await LogAsync("acme/zoo/upload", "raw", "r0");
        await UseAsync("acme/zoo/prep", "acme/zoo/raw:v0");
        await LogAsync("acme/zoo/prep", "split", "s0");
        await LogAsync("acme/zoo/prep", "split", "s1");
        var split = await LogAsync("acme/zoo/prep", "split", "s2");
        await UseAsync("acme/zoo/train", "acme/zoo/split:v2");
        var model = await LogAsync("acme/zoo/train", "model", "m0", "model");
        await UseAsync("acme/zoo/eval", "acme/zoo/model:v0");
        var report = await LogAsync("acme/zoo/eval", "report", "e0", "report");
        var runs = new Dictionary<string, NodeRef>();
        foreach (var r in new[] { "upload", "prep", "train", "eval" })
        {
            runs[r] = NodeRef.Run((await Store.FindRunAsync(RunPath.Parse($"acme/zoo/{r}"), All, Ct))!.Id);
        }

        runs["raw"] = NodeRef.Version(raw.Id);
        runs["split"] = NodeRef.Version(split.Id);
        runs["model"] = NodeRef.Version(model.Id);
        runs["report"] = NodeRef.Version(report.Id);
        return runs;
    }

    private Task<LineageGraph> LineageAsync(NodeRef start, LineageDirection direction, int depth = 10, int maxNodes = 1000,
        string[]? artifactTypes = null, string[]? jobTypes = null) =>
        Store.GetLineageAsync(new LineageQuery(start, direction, depth, artifactTypes?.ToHashSet(), jobTypes?.ToHashSet(), maxNodes), All, Ct);

    private static Dictionary<string, int> Hops(LineageGraph graph) => graph.Nodes.ToDictionary(n => n.Name, n => n.Hops);

    [Fact]
    public async Task upstream_lineage_walks_to_the_sources_with_shortest_hops()
    {
        var n = await SeedPipelineAsync();
        var graph = await LineageAsync(n["model"], LineageDirection.Upstream);

        Assert.Equal(
            new Dictionary<string, int> { ["model:v0"] = 0, ["train"] = 1, ["split:v2"] = 2, ["prep"] = 3, ["raw:v0"] = 4, ["upload"] = 5 },
            Hops(graph));
        Assert.False(graph.Truncated);
        Assert.Contains(new LineageEdge(n["split"], n["train"], EdgeKind.Used), graph.Edges);
        Assert.Contains(new LineageEdge(n["train"], n["model"], EdgeKind.Logged), graph.Edges);
        Assert.Equal(5, graph.Edges.Count);
        var model = graph.Nodes.Single(x => x.Name == "model:v0");
        Assert.Equal(("acme/zoo/model:v0", "model"), (model.Path, model.Type));
    }

    [Fact]
    public async Task downstream_lineage_of_a_run_follows_the_data_flow()
    {
        var n = await SeedPipelineAsync();
        var graph = await LineageAsync(n["prep"], LineageDirection.Downstream);

        // prep logged all three split versions; only v2 went on to train.
        Assert.Equal(
            new Dictionary<string, int> { ["prep"] = 0, ["split:v0"] = 1, ["split:v1"] = 1, ["split:v2"] = 1, ["train"] = 2, ["model:v0"] = 3, ["eval"] = 4, ["report:v0"] = 5 },
            Hops(graph));
        Assert.All(graph.Edges, e => Assert.Contains(graph.Nodes, x => x.Node == e.From));
    }

    [Fact]
    public async Task both_directions_join_upstream_and_downstream_without_siblings()
    {
        var n = await SeedPipelineAsync();
        var graph = await LineageAsync(n["model"], LineageDirection.Both, depth: 2);

        Assert.Equal(
            new Dictionary<string, int> { ["model:v0"] = 0, ["train"] = 1, ["split:v2"] = 2, ["eval"] = 1, ["report:v0"] = 2 },
            Hops(graph));
        Assert.True(graph.Truncated);
    }

    [Fact]
    public async Task depth_cuts_are_reported_as_truncated_and_exact_depths_are_not()
    {
        var n = await SeedPipelineAsync();

        var cut = await LineageAsync(n["model"], LineageDirection.Upstream, depth: 3);
        Assert.Equal(["model:v0", "train", "split:v2", "prep"], cut.Nodes.Select(x => x.Name));
        Assert.True(cut.Truncated);

        var exact = await LineageAsync(n["model"], LineageDirection.Upstream, depth: 5);
        Assert.Equal(6, exact.Nodes.Count);
        Assert.False(exact.Truncated);

        var none = await LineageAsync(n["raw"], LineageDirection.Upstream, depth: 0);
        Assert.True(none.Truncated);
        Assert.Single(none.Nodes);
    }

    [Fact]
    public async Task the_node_budget_cuts_breadth_first_and_says_so()
    {
        var n = await SeedPipelineAsync();
        var graph = await LineageAsync(n["prep"], LineageDirection.Downstream, maxNodes: 3);

        Assert.Equal(3, graph.Nodes.Count);
        Assert.True(graph.Truncated);
        Assert.All(graph.Nodes.Skip(1), x => Assert.Equal(1, x.Hops));
        Assert.Equal(2, graph.Edges.Count);

        var whole = await LineageAsync(n["prep"], LineageDirection.Downstream, maxNodes: 8);
        Assert.False(whole.Truncated);
    }

    [Fact]
    public async Task type_filters_leave_out_and_do_not_walk_through_other_nodes()
    {
        var n = await SeedPipelineAsync();

        var datasetsOnly = await LineageAsync(n["eval"], LineageDirection.Upstream, artifactTypes: ["model", "dataset"], jobTypes: ["train"]);
        Assert.Equal(["eval", "model:v0", "train", "split:v2"], datasetsOnly.Nodes.Select(x => x.Name));
        Assert.False(datasetsOnly.Truncated);

        var noModels = await LineageAsync(n["eval"], LineageDirection.Upstream, artifactTypes: ["dataset"]);
        Assert.Equal(["eval"], noModels.Nodes.Select(x => x.Name));
    }
}
