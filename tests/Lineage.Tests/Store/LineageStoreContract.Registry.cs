using Lineage.Application;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using Lineage.Store;

namespace Lineage.Tests.Store;

/// <summary>Collections, linked versions, aliases in collections, tags, and the audit history.</summary>
public abstract partial class LineageStoreContract
{
    protected Registries Registries => new((IRegistryStore)Store, (IStoreSessionSource)Store);

    // ---- helpers -------------------------------------------------------------------------

    /// <summary>acme/zoo with two model versions (m0, m1), a dataset, and the registry acme/models with collection classifier.</summary>
    private async Task SeedRegistryAsync(IReadOnlyList<string>? protectedAliases = null, RegistryVisibility visibility = RegistryVisibility.Organization)
    {
        await RunAsync("acme/zoo/train");
        await LogAsync("acme/zoo/train", "model", "m0", "model");
        await LogAsync("acme/zoo/train", "model", "m1", "model");
        await LogAsync("acme/zoo/train", "data", "d0", "dataset");
        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", visibility, protectedAliases), Tester, Ct);
        await Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/models"), "classifier", "model", "zoo classifiers"), Tester, Ct);
    }

    private Task<VersionRecord> LinkAsync(string version, string collection = "acme/models/classifier", Actor? actor = null, params string[] aliases) =>
        Registries.LinkArtifactAsync(new LinkArtifactCommand(VersionRef.Parse(version), CollectionPath.Parse(collection), aliases), actor ?? Tester, Ct);

    private Task<VersionRecord> AliasAsync(string version, string alias, int? expected = null, Actor? actor = null) =>
        Writes.AddAliasAsync(new AliasCommand(VersionRef.Parse(version), alias, expected), actor ?? Tester, Ct);

    private Task<VersionRecord> UnaliasAsync(string version, string alias, Actor? actor = null) =>
        Writes.RemoveAliasAsync(new AliasCommand(VersionRef.Parse(version), alias), actor ?? Tester, Ct);

    /// <summary>The whole history of a target, oldest first, as "ACTION version alias" lines.</summary>
    private async Task<List<string>> HistoryAsync(string path, AuditQuery? query = null)
    {
        var page = await Registries.GetHistoryAsync(path, (query ?? AuditQuery.All) with { OldestFirst = true }, new PageRequest(1000), All, Ct);
        return [.. page.Items.Select(i => $"{AuditChain.ActionName(i.Value.Action)} {i.Value.Version} {i.Value.Alias}".TrimEnd())];
    }

    private async Task<Actor> RegistryUserAsync(string name, Role role)
    {
        await Identities.CreateUserAsync(new CreateUserCommand(name, false), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme/models", name, role), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme", name, Role.Viewer), Tester, Ct);
        return await ActorAsync(name);
    }

    // ---- linking -------------------------------------------------------------------------

    [Fact]
    public async Task every_field_a_run_and_a_version_are_created_with_is_read_back_and_a_link_shows_its_sources()
    {
        await NamespaceAsync("acme");
        var path = RunPath.Parse("acme/zoo/train");
        await Writes.CreateRunAsync(
            new CreateRunCommand(path, "train", JsonObjectText.Parse("""{"lr":0.1}""", "config"), "first try\twith tabs"), Tester, Ct);
        await Writes.LogArtifactAsync(
            new LogArtifactCommand(path, "model", "model", "m0", JsonObjectText.Parse("""{"acc":0.9}""", "metadata"), [], null, [new VersionFile("w.bin", "f0", 7)], "weights\nafter one epoch"),
            Tester,
            Ct);
        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Organization, null), Tester, Ct);
        await Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/models"), "classifier", "model", null), Tester, Ct);

        var run = (await Store.FindRunAsync(path, All, Ct))!;
        var version = await VersionAsync("acme/zoo/model:v0");
        var linked = await LinkAsync("acme/zoo/model:v0", aliases: "staging");
        var reread = (await ((IRegistryStore)Store).GetLinksAsync([linked.Link!.Id], Ct)).Single();

        Assert.Equal(("acme/zoo/train", "train", RunState.Running, """{"lr":0.1}""", "first try\twith tabs", "tester"),
            (run.Path, run.JobType, run.State, run.ConfigJson, run.Description, run.CreatedBy));
        Assert.Equal(("acme/zoo/model:v0", "model", "m0", """{"acc":0.9}""", 7L, "weights\nafter one epoch", run.Id),
            (version.QualifiedName, version.Type, version.Digest, version.MetadataJson, version.Size, version.Description, version.LoggedByRunId));
        Assert.Equal(["latest"], version.Aliases);
        Assert.Equal(linked, reread with { Aliases = linked.Aliases });
        Assert.Equal(["staging", "latest"], reread.Aliases);
        Assert.Equal(("acme/models/classifier:v0", version.Id, version.Digest, version.MetadataJson, version.Size, version.Description, version.LoggedByRunId),
            (reread.QualifiedName, reread.Id, reread.Digest, reread.MetadataJson, reread.Size, reread.Description, reread.LoggedByRunId));
        Assert.Equal((version.NamespaceId, "acme/zoo/model:v0"), (reread.Link!.SourceNamespaceId, reread.Link.SourceQualifiedName));
    }

    [Fact]
    public async Task a_linked_version_has_its_own_index_and_aliases_and_its_sources_content()
    {
        await SeedRegistryAsync();
        var source = await VersionAsync("acme/zoo/model:v1");

        var linked = await LinkAsync("acme/zoo/model:v1", aliases: "staging");

        Assert.Equal("acme/models/classifier:v0", linked.QualifiedName);
        Assert.Equal("classifier:v0", linked.Name);
        Assert.Equal(0, linked.VersionIndex);
        Assert.Equal(["staging", "latest"], linked.Aliases);
        Assert.Equal("model", linked.Type);
        Assert.Equal(source.Digest, linked.Digest);
        Assert.Equal(source.Id, linked.Id);
        Assert.Equal(source.LoggedByRunId, linked.LoggedByRunId);
        Assert.NotNull(linked.Link);
        Assert.Equal("acme/zoo/model:v1", linked.Link.SourceQualifiedName);
        Assert.Equal("tester", linked.CreatedBy);

        // The source keeps its own name, index and aliases.
        Assert.Equal(["latest"], (await VersionAsync("acme/zoo/model:v1")).Aliases);
        Assert.Null((await VersionAsync("acme/zoo/model:v1")).Link);
    }

    [Fact]
    public async Task linked_versions_resolve_by_index_alias_and_latest()
    {
        await SeedRegistryAsync();
        await LinkAsync("acme/zoo/model:v0", aliases: "production");
        await LinkAsync("acme/zoo/model:v1");

        Assert.Equal("acme/zoo/model:v0", (await VersionAsync("acme/models/classifier:v0")).Link!.SourceQualifiedName);
        Assert.Equal("acme/zoo/model:v0", (await VersionAsync("acme/models/classifier:production")).Link!.SourceQualifiedName);
        Assert.Equal("acme/zoo/model:v1", (await VersionAsync("acme/models/classifier:latest")).Link!.SourceQualifiedName);
        Assert.Equal("acme/zoo/model:v1", (await VersionAsync("acme/models/classifier")).Link!.SourceQualifiedName);
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/models/classifier:v2"), All, Ct));
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/models/classifier:staging"), All, Ct));
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/models/other:v0"), All, Ct));
    }

    [Fact]
    public async Task linking_a_version_again_keeps_its_link_and_adds_only_the_new_aliases()
    {
        await SeedRegistryAsync();
        var first = await LinkAsync("acme/zoo/model:v0", aliases: "staging");
        var again = await LinkAsync("acme/zoo/model:v0", aliases: ["staging", "candidate"]);

        Assert.Equal(first.Link!.Id, again.Link!.Id);
        Assert.Equal(["candidate", "staging", "latest"], again.Aliases);
        Assert.Equal(["VERSION_LINKED v0", "ALIAS_ADDED v0 staging", "ALIAS_ADDED v0 candidate"], await HistoryAsync("acme/models/classifier"));
    }

    [Fact]
    public async Task a_linked_version_stands_for_its_source_when_linked_elsewhere()
    {
        await SeedRegistryAsync();
        await Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/models"), "shortlist", "model", null), Tester, Ct);
        await LinkAsync("acme/zoo/model:v1");

        var linked = await LinkAsync("acme/models/classifier:v0", "acme/models/shortlist");

        Assert.Equal("acme/models/shortlist:v0", linked.QualifiedName);
        Assert.Equal("acme/zoo/model:v1", linked.Link!.SourceQualifiedName);
    }

    [Fact]
    public async Task a_collection_takes_only_versions_of_its_type_and_a_refused_link_records_nothing()
    {
        await SeedRegistryAsync();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => LinkAsync("acme/zoo/data:v0", aliases: "staging"));

        Assert.Contains("'model'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'dataset'", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await HistoryAsync("acme/models/classifier"));
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/models/classifier:v0"), All, Ct));
    }

    [Fact]
    public async Task collection_names_are_unique_in_their_registry_and_follow_the_name_rules()
    {
        await SeedRegistryAsync();
        var again = await Assert.ThrowsAsync<ConflictException>(() =>
            Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/models"), "classifier", "model", null), Tester, Ct));
        Assert.Contains("acme/models/classifier", again.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/models"), "bad name", "model", null), Tester, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/nothing"), "c", "model", null), Tester, Ct));
        var found = await Registries.FindCollectionAsync(CollectionPath.Parse("acme/models/classifier"), All, Ct);
        Assert.Equal("zoo classifiers", found!.Description);
    }

    [Fact]
    public async Task latest_follows_the_newest_link_and_indexes_are_never_given_again()
    {
        await SeedRegistryAsync();
        await LinkAsync("acme/zoo/model:v0");
        await LinkAsync("acme/zoo/model:v1");

        Assert.True(await Registries.UnlinkArtifactAsync(VersionRef.Parse("acme/models/classifier:v1"), Tester, Ct));
        Assert.Equal("acme/models/classifier:v0", (await VersionAsync("acme/models/classifier:latest")).QualifiedName);
        Assert.Contains("latest", (await VersionAsync("acme/models/classifier:v0")).Aliases);

        var relinked = await LinkAsync("acme/zoo/model:v1");
        Assert.Equal("acme/models/classifier:v2", relinked.QualifiedName);
        Assert.Equal(["latest"], relinked.Aliases);
        Assert.DoesNotContain("latest", (await VersionAsync("acme/models/classifier:v0")).Aliases);
    }

    [Fact]
    public async Task unlinking_takes_the_aliases_with_it_and_records_them()
    {
        await SeedRegistryAsync();
        await LinkAsync("acme/zoo/model:v0", aliases: ["production", "staging"]);

        await Registries.UnlinkArtifactAsync(VersionRef.Parse("acme/models/classifier:production"), Tester, Ct);

        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/models/classifier:production"), All, Ct));
        Assert.Equal(
            ["VERSION_LINKED v0", "ALIAS_ADDED v0 production", "ALIAS_ADDED v0 staging", "ALIAS_REMOVED v0 production", "ALIAS_REMOVED v0 staging", "VERSION_UNLINKED v0"],
            await HistoryAsync("acme/models/classifier"));
        var project = await Assert.ThrowsAsync<InvalidArgumentException>(() => Registries.UnlinkArtifactAsync(VersionRef.Parse("acme/zoo/model:v0"), Tester, Ct));
        Assert.Contains("only linked versions", project.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => Registries.UnlinkArtifactAsync(VersionRef.Parse("acme/models/classifier:v0"), Tester, Ct));
    }

    [Fact]
    public async Task source_and_links_walk_between_a_linked_version_and_its_source()
    {
        await SeedRegistryAsync();
        await Registries.CreateCollectionAsync(new CreateCollectionCommand(ProjectPath.Parse("acme/models"), "shortlist", "model", null), Tester, Ct);
        var a = await LinkAsync("acme/zoo/model:v0");
        var b = await LinkAsync("acme/zoo/model:v0", "acme/models/shortlist");
        var source = await VersionAsync("acme/zoo/model:v0");

        var links = await Store.GetPagesAsync(Relation.VersionLinks, [source.Id], new PageRequest(10), All, Ct);
        var linked = await Registries.GetLinksAsync([.. links[source.Id].Items.Select(i => i.Value)], Ct);
        Assert.Equal(["acme/models/classifier:v0", "acme/models/shortlist:v0"], linked.Select(l => l.QualifiedName));
        Assert.Equal([a.Link!.Id, b.Link!.Id], linked.Select(l => l.Link!.Id));

        var collection = await Registries.FindCollectionAsync(CollectionPath.Parse("acme/models/classifier"), All, Ct);
        var members = await Store.GetPagesAsync(Relation.CollectionLinks, [collection!.Id], new PageRequest(10), All, Ct);
        Assert.Equal([a.Link.Id], members[collection.Id].Items.Select(i => i.Value));
    }

    [Fact]
    public async Task the_lineage_of_a_linked_version_is_its_sources()
    {
        await SeedRegistryAsync();
        await RunAsync("acme/zoo/eval");
        var linked = await LinkAsync("acme/zoo/model:v0", aliases: "production");

        var used = await UseAsync("acme/zoo/eval", "acme/models/classifier:production");

        Assert.Equal("acme/models/classifier:v0", used.QualifiedName);
        Assert.Equal(["eval"], await PageNamesAsync(Relation.UsedBy, (await VersionAsync("acme/zoo/model:v0")).Id));
        var graph = await Store.GetLineageAsync(new LineageQuery(NodeRef.Version(linked.Id), LineageDirection.Both, 1, null, null, 100), All, Ct);
        Assert.Equal(["model:v0", "train", "eval"], graph.Nodes.Select(n => n.Name));
    }

    // ---- aliases -------------------------------------------------------------------------

    [Fact]
    public async Task an_alias_moves_between_linked_versions_and_each_move_is_recorded_once()
    {
        await SeedRegistryAsync();
        await LinkAsync("acme/zoo/model:v0", aliases: "production");
        await LinkAsync("acme/zoo/model:v1");

        var moved = await AliasAsync("acme/models/classifier:v1", "production");
        await AliasAsync("acme/models/classifier:v1", "production");

        Assert.Equal(["production", "latest"], moved.Aliases);
        Assert.Empty((await VersionAsync("acme/models/classifier:v0")).Aliases);
        Assert.Equal(
            ["VERSION_LINKED v0", "ALIAS_ADDED v0 production", "VERSION_LINKED v1", "ALIAS_REMOVED v0 production", "ALIAS_ADDED v1 production"],
            await HistoryAsync("acme/models/classifier"));

        // Aliases of a collection and of its sources' artifact are separate.
        Assert.Equal(["latest"], (await VersionAsync("acme/zoo/model:v1")).Aliases);
    }

    [Fact]
    public async Task an_expected_version_makes_an_alias_move_conditional()
    {
        await SeedRegistryAsync();
        await LinkAsync("acme/zoo/model:v0", aliases: "production");
        await LinkAsync("acme/zoo/model:v1");
        var before = await HistoryAsync("acme/models/classifier");

        var stale = await Assert.ThrowsAsync<ConflictException>(() => AliasAsync("acme/models/classifier:v1", "production", expected: 1));
        Assert.Contains("held by v0, not v1", stale.Message, StringComparison.Ordinal);
        var unheld = await Assert.ThrowsAsync<ConflictException>(() => AliasAsync("acme/models/classifier:v1", "staging", expected: 0));
        Assert.Contains("held by no version", unheld.Message, StringComparison.Ordinal);
        Assert.Equal(before, await HistoryAsync("acme/models/classifier"));

        await AliasAsync("acme/models/classifier:v1", "production", expected: 0);
        Assert.Equal("acme/models/classifier:v1", (await VersionAsync("acme/models/classifier:production")).QualifiedName);
    }

    [Fact]
    public async Task project_artifacts_record_new_versions_and_alias_changes()
    {
        await RunAsync("acme/zoo/r");
        await LogAsync("acme/zoo/r", "data", "d0", "dataset", "candidate");
        await LogAsync("acme/zoo/r", "data", "d0", "dataset");
        await LogAsync("acme/zoo/r", "data", "d1", "dataset", "candidate");
        await UnaliasAsync("acme/zoo/data:v1", "candidate");

        Assert.Equal(
            ["VERSION_LOGGED v0", "ALIAS_ADDED v0 candidate", "VERSION_LOGGED v1", "ALIAS_REMOVED v0 candidate", "ALIAS_ADDED v1 candidate", "ALIAS_REMOVED v1 candidate"],
            await HistoryAsync("acme/zoo/data"));
        Assert.True((await Registries.VerifyAuditHistoryAsync("acme/zoo/data", All, Ct)).Ok);
    }

    [Fact]
    public async Task a_refused_write_appends_nothing_to_the_history()
    {
        await RunAsync("acme/zoo/a");
        await LogAsync("acme/zoo/a", "data", "d0", "dataset", "first");
        await RunAsync("acme/zoo/b");
        await UseAsync("acme/zoo/b", "acme/zoo/data:v0");

        // b read data:v0; logging the same content from b would make b its logger too: a cycle.
        await Assert.ThrowsAsync<CycleDetectedException>(() => LogAsync("acme/zoo/b", "data", "d0", "dataset", "first", "second"));
        await Assert.ThrowsAsync<NotFoundException>(() => UnaliasAsync("acme/zoo/data:v0", "never"));
        await Assert.ThrowsAsync<InvalidArgumentException>(() => AliasAsync("acme/zoo/data:v0", "v7"));

        Assert.Equal(["VERSION_LOGGED v0", "ALIAS_ADDED v0 first"], await HistoryAsync("acme/zoo/data"));
        Assert.Equal(["first", "latest"], (await VersionAsync("acme/zoo/data:v0")).Aliases);
    }

    // ---- protected aliases and roles -------------------------------------------------------

    [Fact]
    public async Task only_registry_admins_set_move_or_remove_a_protected_alias()
    {
        await SeedRegistryAsync(protectedAliases: ["production"]);
        var member = await RegistryUserAsync("mia", Role.Member);
        var admin = await RegistryUserAsync("ari", Role.Admin);
        await LinkAsync("acme/zoo/model:v0", actor: member, aliases: "staging");
        await LinkAsync("acme/zoo/model:v1", actor: member);

        var set = await Assert.ThrowsAsync<ForbiddenException>(() => AliasAsync("acme/models/classifier:v0", "production", actor: member));
        Assert.Contains("'production' is protected", set.Message, StringComparison.Ordinal);
        Assert.Contains("needs the ADMIN role; yours is MEMBER", set.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => LinkAsync("acme/zoo/model:v0", actor: member, aliases: "production"));

        await AliasAsync("acme/models/classifier:v0", "production", actor: admin);
        await Assert.ThrowsAsync<ForbiddenException>(() => AliasAsync("acme/models/classifier:v1", "production", actor: member));
        await Assert.ThrowsAsync<ForbiddenException>(() => UnaliasAsync("acme/models/classifier:v0", "production", actor: member));
        var unlink = await Assert.ThrowsAsync<ForbiddenException>(() => Registries.UnlinkArtifactAsync(VersionRef.Parse("acme/models/classifier:v0"), member, Ct));
        Assert.Contains("holds the protected alias 'production'", unlink.Message, StringComparison.Ordinal);

        // Ordinary aliases stay with members; nothing refused was recorded.
        await AliasAsync("acme/models/classifier:v1", "staging", actor: member);
        Assert.Equal(
            ["VERSION_LINKED v0", "ALIAS_ADDED v0 staging", "VERSION_LINKED v1", "ALIAS_ADDED v0 production", "ALIAS_REMOVED v0 staging", "ALIAS_ADDED v1 staging"],
            await HistoryAsync("acme/models/classifier"));

        await AliasAsync("acme/models/classifier:v1", "production", actor: admin);
        Assert.True(await Registries.UnlinkArtifactAsync(VersionRef.Parse("acme/models/classifier:v0"), member, Ct));
        Assert.True(await Registries.UnlinkArtifactAsync(VersionRef.Parse("acme/models/classifier:production"), admin, Ct));
    }

    [Fact]
    public async Task registry_roles_decide_who_links_uses_and_reads_the_history()
    {
        await SeedRegistryAsync(visibility: RegistryVisibility.Restricted);
        await LinkAsync("acme/zoo/model:v0");
        var restricted = await RegistryUserAsync("rita", Role.RestrictedViewer);
        var viewer = await RegistryUserAsync("vic", Role.Viewer);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme", "vic", Role.Member), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme", "rita", Role.Member), Tester, Ct);
        await RunAsync("acme/zoo/eval");
        var use = new UseArtifactCommand(RunPath.Parse("acme/zoo/eval"), VersionRef.Parse("acme/models/classifier:v0"));
        restricted = await ActorAsync("rita");
        viewer = await ActorAsync("vic");

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Writes.UseArtifactAsync(use, restricted, Ct));
        Assert.Contains("needs the VIEWER role; yours is RESTRICTED_VIEWER", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => Registries.GetHistoryAsync("acme/models/classifier", AuditQuery.All, new PageRequest(10), restricted.Access, Ct));
        Assert.NotNull(await Registries.FindCollectionAsync(CollectionPath.Parse("acme/models/classifier"), restricted.Access, Ct));

        Assert.Equal("acme/models/classifier:v0", (await Writes.UseArtifactAsync(use, viewer, Ct)).QualifiedName);
        await Assert.ThrowsAsync<ForbiddenException>(() => LinkAsync("acme/zoo/model:v1", actor: viewer));
        Assert.Single((await Registries.GetHistoryAsync("acme/models/classifier", AuditQuery.All, new PageRequest(10), viewer.Access, Ct)).Items);

        var outsider = Access.Of(new Dictionary<long, Role>(), new Dictionary<long, Role>());
        Assert.Null(await Registries.FindCollectionAsync(CollectionPath.Parse("acme/models/classifier"), outsider, Ct));
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/models/classifier:v0"), outsider, Ct));
        var hidden = await Assert.ThrowsAsync<NotFoundException>(() => Registries.VerifyAuditHistoryAsync("acme/models/classifier", outsider, Ct));
        Assert.Equal((await Assert.ThrowsAsync<NotFoundException>(() => Registries.VerifyAuditHistoryAsync("acme/models/nothing", outsider, Ct))).Message.Replace("nothing", "classifier", StringComparison.Ordinal), hidden.Message);
    }

    // ---- history -------------------------------------------------------------------------

    [Fact]
    public async Task history_is_newest_first_paged_and_filtered()
    {
        await SeedRegistryAsync();
        await Identities.CreateUserAsync(new CreateUserCommand("bo", false), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme/models", "bo", Role.Member), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme", "bo", Role.Viewer), Tester, Ct);
        var bo = await ActorAsync("bo");
        await LinkAsync("acme/zoo/model:v0", aliases: "staging");
        await LinkAsync("acme/zoo/model:v1", actor: bo, aliases: "staging");
        const string path = "acme/models/classifier";

        var first = await Registries.GetHistoryAsync(path, AuditQuery.All, new PageRequest(2), All, Ct);
        var second = await Registries.GetHistoryAsync(path, AuditQuery.All, new PageRequest(2, first.Items[^1].Key), All, Ct);
        var third = await Registries.GetHistoryAsync(path, AuditQuery.All, new PageRequest(2, second.Items[^1].Key), All, Ct);
        var positions = first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Value.Position).ToList();
        Assert.Equal([5L, 4, 3, 2, 1], positions);
        Assert.True(first.HasNextPage);
        Assert.False(third.HasNextPage);
        Assert.Equal(5, await Registries.CountHistoryAsync(path, AuditQuery.All, All, Ct));

        var byBo = new AuditQuery(Actor: "bo");
        Assert.Equal(["VERSION_LINKED v1", "ALIAS_REMOVED v0 staging", "ALIAS_ADDED v1 staging"], await HistoryAsync(path, byBo));
        Assert.Equal(3, await Registries.CountHistoryAsync(path, byBo, All, Ct));
        var added = new AuditQuery(Actions: new HashSet<AuditAction> { AuditAction.AliasAdded });
        Assert.Equal(["ALIAS_ADDED v0 staging", "ALIAS_ADDED v1 staging"], await HistoryAsync(path, added));

        var all = (await Registries.GetHistoryAsync(path, AuditQuery.All, new PageRequest(10), All, Ct)).Items.Select(i => i.Value).ToList();
        Assert.All(all, e => Assert.Equal(path, e.Target));
        var cut = all[2].At;
        Assert.Equal(all.Count(e => e.At >= cut), (await Registries.GetHistoryAsync(path, new AuditQuery(Since: cut), new PageRequest(10), All, Ct)).Items.Count);
        Assert.Equal(all.Count(e => e.At < cut), (await Registries.GetHistoryAsync(path, new AuditQuery(Until: cut), new PageRequest(10), All, Ct)).Items.Count);
        await Assert.ThrowsAsync<NotFoundException>(() => Registries.GetHistoryAsync("acme/models/nothing", AuditQuery.All, new PageRequest(10), All, Ct));
    }

    [Fact]
    public async Task every_event_carries_the_actor_the_time_and_a_hash_chained_to_the_one_before()
    {
        await SeedRegistryAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Registries.LinkArtifactAsync(
            new LinkArtifactCommand(VersionRef.Parse("acme/zoo/model:v0"), CollectionPath.Parse("acme/models/classifier"), ["staging"]),
            Tester with { RequestId = "req-42" },
            Ct);

        var events = (await Registries.GetHistoryAsync("acme/models/classifier", AuditQuery.All with { OldestFirst = true }, new PageRequest(10), All, Ct))
            .Items.Select(i => i.Value).ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal("tester", e.Actor);
            Assert.Equal("req-42", e.RequestId);
            Assert.Equal("acme/zoo/model:v0", e.Source);
            Assert.InRange(e.At, before, DateTimeOffset.UtcNow.AddSeconds(1));
        });
        Assert.Equal(AuditChain.Hash(AuditChain.Genesis.Span, events[0]), events[0].Hash);
        Assert.Equal(AuditChain.Hash(events[0].Hash, events[1]), events[1].Hash);

        var verified = await Registries.VerifyAuditHistoryAsync("acme/models/classifier", All, Ct);
        Assert.True(verified.Ok);
        Assert.Equal(2, verified.EventsChecked);
        Assert.Null(verified.FirstBrokenEventId);
        Assert.Equal(events[1].Hash, verified.HeadHash);
    }

    [Fact]
    public async Task concurrent_moves_of_one_alias_leave_one_holder_and_a_coherent_history()
    {
        await SeedRegistryAsync();
        await RunAsync("acme/zoo/more");
        for (var i = 2; i < 8; i++)
        {
            await LogAsync("acme/zoo/more", "model", $"m{i}", "model");
        }

        for (var i = 0; i < 8; i++)
        {
            await LinkAsync($"acme/zoo/model:v{i}", aliases: i == 0 ? ["production"] : []);
        }

        // Everyone expects production on v0: exactly one move wins, the rest are refused.
        var attempts = Enumerable.Range(1, 7).Select(i => Task.Run(() => AliasAsync($"acme/models/classifier:v{i}", "production", expected: 0))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                return (await t).QualifiedName;
            }
            catch (ConflictException)
            {
                return "CONFLICT";
            }
        }));
        var winner = Assert.Single(outcomes, o => o != "CONFLICT");
        var history = await HistoryAsync("acme/models/classifier");
        Assert.Equal(["ALIAS_REMOVED v0 production", $"ALIAS_ADDED {winner.Split(':')[1]} production"], history[^2..]);

        // Without an expectation every move applies, one after another.
        var moves = Enumerable.Range(1, 7).Select(i => Task.Run(() => AliasAsync($"acme/models/classifier:v{i}", "production"))).ToList();
        await Task.WhenAll(moves);
        var after = await HistoryAsync("acme/models/classifier");
        var moved = after[history.Count..];
        var holder = (await VersionAsync("acme/models/classifier:production")).Version;
        Assert.Equal($"ALIAS_ADDED {holder} production", moved[^1]);
        for (var i = 0; i + 1 < moved.Count; i += 2)
        {
            // Each move takes the alias from the version the move before gave it to.
            var previousHolder = i == 0 ? winner.Split(':')[1] : moved[i - 1].Split(' ')[1];
            Assert.Equal($"ALIAS_REMOVED {previousHolder} production", moved[i]);
            Assert.StartsWith("ALIAS_ADDED ", moved[i + 1], StringComparison.Ordinal);
        }

        Assert.True((await Registries.VerifyAuditHistoryAsync("acme/models/classifier", All, Ct)).Ok);
    }

    [Fact]
    public async Task a_history_longer_than_one_read_verifies_whole()
    {
        await RunAsync("acme/zoo/r");
        await LogAsync("acme/zoo/r", "data", "d0");
        for (var i = 0; i < 600; i++)
        {
            await AliasAsync("acme/zoo/data:v0", "flip");
            await UnaliasAsync("acme/zoo/data:v0", "flip");
        }

        var verified = await Registries.VerifyAuditHistoryAsync("acme/zoo/data", All, Ct);
        Assert.True(verified.Ok, verified.Problem);
        Assert.Equal(1201, verified.EventsChecked);
        Assert.Equal(1201, await Registries.CountHistoryAsync("acme/zoo/data", AuditQuery.All, All, Ct));
    }

    [Fact]
    public async Task history_names_a_source_only_to_those_who_may_see_it()
    {
        await SeedRegistryAsync();
        await LinkAsync("acme/zoo/model:v0", aliases: "production");
        await Identities.CreateUserAsync(new CreateUserCommand("rex", false), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme/models", "rex", Role.Viewer), Tester, Ct);
        var rex = await ActorAsync("rex");

        var seen = await Registries.GetHistoryAsync("acme/models/classifier", AuditQuery.All, new PageRequest(10), rex.Access, Ct);
        var all = await Registries.GetHistoryAsync("acme/models/classifier", AuditQuery.All, new PageRequest(10), All, Ct);

        Assert.Equal(2, seen.Items.Count);
        Assert.All(seen.Items, i => Assert.Null(i.Value.Source));
        Assert.All(all.Items, i => Assert.Equal("acme/zoo/model:v0", i.Value.Source));
        Assert.True((await Registries.VerifyAuditHistoryAsync("acme/models/classifier", rex.Access, Ct)).Ok);

        // The hash covers a salted commitment of the source, not the source: rex gets the
        // commitment without the salt, and still recomputes every hash from what he was given.
        var previous = AuditChain.Genesis.ToArray();
        foreach (var (mine, whole) in seen.Items.Reverse().Zip(all.Items.Reverse()))
        {
            Assert.Equal(AuditChain.CurrentFormat, mine.Value.Format);
            Assert.Null(mine.Value.SourceSalt);
            Assert.NotNull(mine.Value.SealedSource);
            Assert.Equal(AuditChain.Commitment(whole.Value.SourceSalt!, "acme/zoo/model:v0"), mine.Value.SealedSource);
            Assert.NotEqual(System.Security.Cryptography.SHA256.HashData("acme/zoo/model:v0"u8), mine.Value.SealedSource);
            Assert.Equal(mine.Value.Hash, AuditChain.Hash(previous, mine.Value));
            previous = mine.Value.Hash;
        }
    }

    [Fact]
    public async Task a_registrys_settings_and_roles_and_the_tags_of_its_collections_are_recorded_in_histories()
    {
        await SeedRegistryAsync(["production"]);
        await Identities.CreateUserAsync(new CreateUserCommand("bo", false), Tester, Ct);
        await Identities.UpdateRegistryAsync(new UpdateRegistryCommand("acme/models", RegistryVisibility.Restricted, ["stable"]), Tester, Ct);
        await Identities.UpdateRegistryAsync(new UpdateRegistryCommand("acme/models", RegistryVisibility.Restricted, null), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme/models", "bo", Role.Viewer), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme/models", "bo", Role.Viewer), Tester, Ct);
        await Identities.RevokeRoleAsync(new RevokeRoleCommand("acme/models", "bo"), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme", "bo", Role.Viewer), Tester, Ct);
        await LinkAsync("acme/zoo/model:v0");
        await Registries.AddTagsAsync(new TagsCommand("acme/models/classifier", ["cv", "zoo"]), Tester, Ct);
        await Registries.AddTagsAsync(new TagsCommand("acme/models/classifier", ["cv"]), Tester, Ct);
        await Registries.RemoveTagsAsync(new TagsCommand("acme/models/classifier", ["zoo", "never"]), Tester, Ct);
        await Registries.AddTagsAsync(new TagsCommand("acme/zoo/model:v0", ["raw"]), Tester, Ct);

        static string Line(AuditEventRecord e) =>
            string.Join(' ', new[] { AuditChain.ActionName(e.Action), e.Version, e.Alias, e.Tag, e.Member, e.Role, e.Visibility }.Where(x => x is not null));
        var registry = await Registries.GetHistoryAsync("acme/models", AuditQuery.All with { OldestFirst = true }, new PageRequest(100), All, Ct);
        Assert.Equal(
            [
                "REGISTRY_CREATED ORGANIZATION", "ALIAS_PROTECTED production", "VISIBILITY_CHANGED RESTRICTED", "ALIAS_PROTECTED stable",
                "ALIAS_UNPROTECTED production", "ROLE_GRANTED bo VIEWER", "ROLE_REVOKED bo VIEWER",
            ],
            registry.Items.Select(i => Line(i.Value)));
        Assert.All(registry.Items, i => Assert.Equal(AuditTargetKind.Registry, i.Value.TargetKind));
        Assert.True((await Registries.VerifyAuditHistoryAsync("acme/models", All, Ct)).Ok);

        var collection = await Registries.GetHistoryAsync("acme/models/classifier", AuditQuery.All with { OldestFirst = true }, new PageRequest(100), All, Ct);
        Assert.Equal(["VERSION_LINKED v0", "TAG_ADDED cv", "TAG_ADDED zoo", "TAG_REMOVED zoo"], collection.Items.Select(i => Line(i.Value)));
        var artifact = await Registries.GetHistoryAsync("acme/zoo/model", new AuditQuery(new HashSet<AuditAction> { AuditAction.TagAdded }), new PageRequest(100), All, Ct);
        Assert.Equal(["TAG_ADDED v0 raw"], artifact.Items.Select(i => Line(i.Value)));

        // Only registry VIEWERs read a registry's history, as a collection's.
        await Identities.CreateUserAsync(new CreateUserCommand("rae", false), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme/models", "rae", Role.RestrictedViewer), Tester, Ct);
        var rae = await ActorAsync("rae");
        await Assert.ThrowsAsync<ForbiddenException>(() => Registries.GetHistoryAsync("acme/models", AuditQuery.All, new PageRequest(10), rae.Access, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => Registries.GetHistoryAsync("acme/models", AuditQuery.All, new PageRequest(10), Access.None, Ct));
    }

    // ---- tags ----------------------------------------------------------------------------

    [Fact]
    public async Task collections_and_versions_carry_tags()
    {
        await SeedRegistryAsync();
        var linked = await LinkAsync("acme/zoo/model:v0");
        var collection = await Registries.FindCollectionAsync(CollectionPath.Parse("acme/models/classifier"), All, Ct);
        var source = await VersionAsync("acme/zoo/model:v0");

        Assert.Equal(["cv", "zoo"], await Registries.AddTagsAsync(new TagsCommand("acme/models/classifier", ["zoo", "cv", "zoo"]), Tester, Ct));
        Assert.Equal(["approved"], await Registries.AddTagsAsync(new TagsCommand("acme/models/classifier:v0", ["approved"]), Tester, Ct));
        Assert.Equal(["raw"], await Registries.AddTagsAsync(new TagsCommand("acme/zoo/model:v0", ["raw"]), Tester, Ct));
        Assert.Equal(["zoo"], await Registries.RemoveTagsAsync(new TagsCommand("acme/models/classifier", ["cv", "never"]), Tester, Ct));

        Assert.Equal(["zoo"], (await Registries.GetTagsAsync(TagTarget.Collection, [collection!.Id], Ct))[collection.Id]);
        Assert.Equal(["approved"], (await Registries.GetTagsAsync(TagTarget.Link, [linked.Link!.Id], Ct))[linked.Link.Id]);
        Assert.Equal(["raw"], (await Registries.GetTagsAsync(TagTarget.Version, [source.Id], Ct))[source.Id]);
        await Assert.ThrowsAsync<InvalidArgumentException>(() => Registries.AddTagsAsync(new TagsCommand("acme/models/classifier", ["no spaces"]), Tester, Ct));
        await Assert.ThrowsAsync<LimitExceededException>(() =>
            Registries.AddTagsAsync(new TagsCommand("acme/models/classifier", [.. Enumerable.Range(0, 101).Select(i => $"t{i}")]), Tester, Ct));
    }
}
