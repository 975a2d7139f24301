using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;

namespace Lineage.Tests.Store;

/// <summary>Identity and access, written once for every store.</summary>
public abstract partial class LineageStoreContract
{
    private Task<PrincipalRecord> UserAsync(string name) => Identities.CreateUserAsync(new CreateUserCommand(name, false), Tester, Ct);

    private Task<MembershipRecord> GrantAsync(string resource, string member, Role role) =>
        Identities.GrantRoleAsync(new GrantRoleCommand(resource, member, role), Tester, Ct);

    private async Task<long> NamespaceIdAsync(string name) => (await Identities.FindNamespaceAsync(name, All, Ct))!.Id;

    private async Task<long> RegistryIdAsync(string path) => (await Identities.FindRegistryAsync(path, All, Ct))!.Id;

    /// <summary>acme (an organization) with team ml; alice in ml as VIEWER, bob ADMIN of acme, carol nowhere.</summary>
    private async Task OrganizationAsync()
    {
        await Identities.CreateNamespaceAsync(new CreateNamespaceCommand("acme", NamespaceKind.Organization, null), Tester, Ct);
        await Identities.CreateNamespaceAsync(new CreateNamespaceCommand("ml", NamespaceKind.Team, "acme"), Tester, Ct);
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            await UserAsync(user);
        }

        await GrantAsync("acme", "alice", Role.Viewer);
        await GrantAsync("ml", "alice", Role.Viewer);
        await GrantAsync("acme", "ml", Role.Member);
        await GrantAsync("acme", "bob", Role.Admin);
    }

    [Fact]
    public async Task the_effective_role_is_the_highest_granted_directly_through_a_team_or_through_the_organization()
    {
        await OrganizationAsync();
        var (acme, ml, alice) = (await NamespaceIdAsync("acme"), await NamespaceIdAsync("ml"), await NamespaceIdAsync("alice"));

        var aliceAccess = (await ActorAsync("alice")).Access;
        Assert.Equal(Role.Member, aliceAccess.NamespaceRole(acme));   // VIEWER directly, MEMBER through team ml
        Assert.Equal(Role.Viewer, aliceAccess.NamespaceRole(ml));
        Assert.Equal(Role.Admin, aliceAccess.NamespaceRole(alice));   // her own namespace

        var bobAccess = (await ActorAsync("bob")).Access;
        Assert.Equal(Role.Admin, bobAccess.NamespaceRole(acme));
        Assert.Equal(Role.Admin, bobAccess.NamespaceRole(ml));         // an organization's ADMIN administers its teams
        Assert.Null(bobAccess.NamespaceRole(alice));

        var carolAccess = (await ActorAsync("carol")).Access;
        Assert.Null(carolAccess.NamespaceRole(acme));
        Assert.Null(carolAccess.NamespaceRole(ml));

        // Taking the team's grant away leaves alice her direct role.
        Assert.True(await Identities.RevokeRoleAsync(new RevokeRoleCommand("acme", "ml"), Tester, Ct));
        Assert.Equal(Role.Viewer, (await ActorAsync("alice")).Access.NamespaceRole(acme));
        Assert.False(await Identities.RevokeRoleAsync(new RevokeRoleCommand("acme", "ml"), Tester, Ct));
    }

    [Fact]
    public async Task registry_roles_come_from_grants_from_the_owner_and_from_the_registry_visibility()
    {
        await OrganizationAsync();
        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Organization), await ActorAsync("bob"), Ct);
        var models = await RegistryIdAsync("acme/models");

        Assert.Equal(Role.Viewer, (await ActorAsync("alice")).Access.RegistryRole(models));   // everyone in acme views it
        Assert.Equal(Role.Admin, (await ActorAsync("bob")).Access.RegistryRole(models));      // ADMIN of the owner
        Assert.Null((await ActorAsync("carol")).Access.RegistryRole(models));

        await GrantAsync("acme/models", "carol", Role.RestrictedViewer);
        Assert.Equal(Role.RestrictedViewer, (await ActorAsync("carol")).Access.RegistryRole(models));

        await Identities.UpdateRegistryAsync(new UpdateRegistryCommand("acme/models", RegistryVisibility.Restricted), await ActorAsync("bob"), Ct);
        Assert.Null((await ActorAsync("alice")).Access.RegistryRole(models));
        Assert.Null(await Identities.FindRegistryAsync("acme/models", (await ActorAsync("alice")).Access, Ct));

        await GrantAsync("acme/models", "ml", Role.Member);
        Assert.Equal(Role.Member, (await ActorAsync("alice")).Access.RegistryRole(models));   // through team ml
    }

    [Fact]
    public async Task a_namespace_lists_and_counts_only_the_registries_the_caller_may_see()
    {
        await OrganizationAsync();
        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "open", RegistryVisibility.Organization), Tester, Ct);
        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "closed", RegistryVisibility.Restricted), Tester, Ct);
        var acme = await NamespaceIdAsync("acme");

        async Task<List<string>> Listed(Access access)
        {
            var page = (await Store.GetPagesAsync(Relation.NamespaceRegistries, [acme], new PageRequest(10), access, Ct))[acme];
            var count = (await Store.CountAsync(Relation.NamespaceRegistries, [acme], access, Ct))[acme];
            var names = (await Identities.GetRegistriesAsync([.. page.Items.Select(i => i.Value)], Ct)).Select(r => r.Name).ToList();
            Assert.Equal(names.Count, count);
            return names;
        }

        Assert.Equal(["open"], await Listed((await ActorAsync("alice")).Access));
        Assert.Equal(["open", "closed"], await Listed((await ActorAsync("bob")).Access));
        await GrantAsync("acme/closed", "alice", Role.RestrictedViewer);
        Assert.Equal(["open", "closed"], await Listed((await ActorAsync("alice")).Access));
    }

    [Fact]
    public async Task only_registry_admins_change_a_registry_and_namespace_admins_create_one()
    {
        await OrganizationAsync();
        var alice = await ActorAsync("alice");
        var carol = await ActorAsync("carol");
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Organization), alice, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Organization), carol, Ct));

        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Organization), await ActorAsync("bob"), Ct);
        alice = await ActorAsync("alice");   // roles are read when a key authenticates, once per request
        carol = await ActorAsync("carol");
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Identities.UpdateRegistryAsync(new UpdateRegistryCommand("acme/models", RegistryVisibility.Restricted), alice, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Identities.GrantRoleAsync(new GrantRoleCommand("acme/models", "alice", Role.Admin), alice, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Identities.GrantRoleAsync(new GrantRoleCommand("acme/models", "carol", Role.Admin), carol, Ct));
        Assert.Equal(RegistryVisibility.Organization, (await Identities.FindRegistryAsync("acme/models", All, Ct))!.Visibility);
    }

    [Fact]
    public async Task a_viewer_reads_but_cannot_write_and_an_outsider_cannot_tell_the_project_exists()
    {
        await OrganizationAsync();
        await RunAsync("acme/zoo/prep");
        await LogAsync("acme/zoo/prep", "data", "d0");
        await GrantAsync("acme", "alice", Role.Viewer);
        await Identities.RevokeRoleAsync(new RevokeRoleCommand("acme", "ml"), Tester, Ct);
        var viewer = await ActorAsync("alice");
        var outsider = await ActorAsync("carol");

        Assert.NotNull(await Store.FindRunAsync(RunPath.Parse("acme/zoo/prep"), viewer.Access, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => Writes.CreateRunAsync(new CreateRunCommand(RunPath.Parse("acme/zoo/mine"), null, null), viewer, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Writes.LogArtifactAsync(new LogArtifactCommand(RunPath.Parse("acme/zoo/prep"), "data", "dataset", "d1", null, []), viewer, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Writes.AddAliasAsync(new AliasCommand(VersionRef.Parse("acme/zoo/data:v0"), "best"), viewer, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Writes.FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/prep"), RunState.Finished), viewer, Ct));

        Assert.Null(await Store.FindRunAsync(RunPath.Parse("acme/zoo/prep"), outsider.Access, Ct));
        Assert.Null(await Store.FindProjectAsync(ProjectPath.Parse("acme/zoo"), outsider.Access, Ct));
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/zoo/data:v0"), outsider.Access, Ct));
        var hidden = await Assert.ThrowsAsync<NotFoundException>(() =>
            Writes.CreateRunAsync(new CreateRunCommand(RunPath.Parse("acme/zoo/mine"), null, null), outsider, Ct));
        var absent = await Assert.ThrowsAsync<NotFoundException>(() =>
            Writes.CreateRunAsync(new CreateRunCommand(RunPath.Parse("nosuch/zoo/mine"), null, null), outsider, Ct));
        Assert.Equal(absent.Message.Replace("nosuch", "acme", StringComparison.Ordinal), hidden.Message);

        // Nothing of the refused writes was stored.
        Assert.Equal(1, (await Store.CountAsync(Relation.ProjectRuns, [(await Store.FindProjectAsync(ProjectPath.Parse("acme/zoo"), All, Ct))!.Id], All, Ct)).Values.Single());
        Assert.Equal(["latest"], (await VersionAsync("acme/zoo/data:v0")).Aliases);
    }

    /// <summary>
    /// data:v0 in acme/zoo is used by acme/zoo/a and by the private secret/lab/b, whose model
    /// acme/zoo/eval (recorded by an administrator) evaluated into acme/zoo/report:v0.
    /// </summary>
    private async Task<Actor> PrivateProjectAsync()
    {
        await OrganizationAsync();
        await RunAsync("acme/zoo/prep");
        await LogAsync("acme/zoo/prep", "data", "d0");
        await RunAsync("acme/zoo/a");
        await UseAsync("acme/zoo/a", "acme/zoo/data:v0");
        await RunAsync("secret/lab/b");
        await UseAsync("secret/lab/b", "acme/zoo/data:v0");
        await LogAsync("secret/lab/b", "model", "m0", "model");
        await RunAsync("acme/zoo/eval");
        await UseAsync("acme/zoo/eval", "secret/lab/model:v0");
        await LogAsync("acme/zoo/eval", "report", "r0", "report");
        return await ActorAsync("alice");
    }

    [Fact]
    public async Task walks_between_things_leave_out_what_the_caller_cannot_see_and_count_only_what_it_can()
    {
        var alice = await PrivateProjectAsync();
        var data = await VersionAsync("acme/zoo/data:v0");

        var page = (await Store.GetPagesAsync(Relation.UsedBy, [data.Id], new PageRequest(10), alice.Access, Ct))[data.Id];
        var users = await Store.GetRunsAsync([.. page.Items.Select(i => i.Value)], Ct);
        Assert.Equal(["acme/zoo/a"], users.Select(r => r.Path));
        Assert.Equal(1, (await Store.CountAsync(Relation.UsedBy, [data.Id], alice.Access, Ct))[data.Id]);
        Assert.Equal(2, (await Store.CountAsync(Relation.UsedBy, [data.Id], All, Ct))[data.Id]);

        var eval = (await Store.FindRunAsync(RunPath.Parse("acme/zoo/eval"), All, Ct))!;
        Assert.Empty((await Store.GetPagesAsync(Relation.UsedArtifacts, [eval.Id], new PageRequest(10), alice.Access, Ct))[eval.Id].Items);
        Assert.Equal(0, (await Store.CountAsync(Relation.UsedArtifacts, [eval.Id], alice.Access, Ct))[eval.Id]);
    }

    [Fact]
    public async Task lineage_neither_shows_nor_walks_through_nodes_the_caller_cannot_see()
    {
        var alice = await PrivateProjectAsync();
        var data = await VersionAsync("acme/zoo/data:v0");
        var report = await VersionAsync("acme/zoo/report:v0");

        var downstream = await Store.GetLineageAsync(new LineageQuery(NodeRef.Version(data.Id), LineageDirection.Downstream, 10, null, null, 100), alice.Access, Ct);
        Assert.Equal(["acme/zoo/a", "acme/zoo/data:v0"], downstream.Nodes.Select(n => n.Path).Order());
        Assert.Single(downstream.Edges);
        Assert.False(downstream.Truncated);

        var upstream = await Store.GetLineageAsync(new LineageQuery(NodeRef.Version(report.Id), LineageDirection.Upstream, 10, null, null, 100), alice.Access, Ct);
        Assert.Equal(["acme/zoo/eval", "acme/zoo/report:v0"], upstream.Nodes.Select(n => n.Path).Order());

        // An administrator sees the whole path.
        var whole = await Store.GetLineageAsync(new LineageQuery(NodeRef.Version(data.Id), LineageDirection.Downstream, 10, null, null, 100), All, Ct);
        Assert.Equal(6, whole.Nodes.Count);

        var model = await VersionAsync("secret/lab/model:v0");
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.GetLineageAsync(new LineageQuery(NodeRef.Version(model.Id), LineageDirection.Both, 3, null, null, 100), alice.Access, Ct));
    }

    [Fact]
    public async Task a_refused_cycle_names_only_the_nodes_the_caller_may_see()
    {
        var alice = await PrivateProjectAsync();   // alice is a MEMBER of acme through team ml

        var refused = await Assert.ThrowsAsync<CycleDetectedException>(() =>
            Writes.UseArtifactAsync(new UseArtifactCommand(RunPath.Parse("acme/zoo/prep"), VersionRef.Parse("acme/zoo/report:v0")), alice, Ct));

        Assert.Equal(
            ["acme/zoo/report:v0", "acme/zoo/prep", "acme/zoo/data:v0", "(hidden run)", "(hidden artifact version)", "acme/zoo/eval", "acme/zoo/report:v0"],
            refused.Path);
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task using_an_artifact_needs_a_role_where_it_lives_and_member_where_the_run_is()
    {
        var alice = await PrivateProjectAsync();
        await RunAsync("acme/zoo/next");

        await Assert.ThrowsAsync<NotFoundException>(() =>
            Writes.UseArtifactAsync(new UseArtifactCommand(RunPath.Parse("acme/zoo/next"), VersionRef.Parse("secret/lab/model:v0")), alice, Ct));
        await Writes.UseArtifactAsync(new UseArtifactCommand(RunPath.Parse("acme/zoo/next"), VersionRef.Parse("acme/zoo/data:v0")), alice, Ct);
        Assert.Contains("next", await PageNamesAsync(Relation.UsedBy, (await VersionAsync("acme/zoo/data:v0")).Id));
    }

    [Fact]
    public async Task a_key_is_found_by_its_id_and_holds_only_the_hash_of_its_secret()
    {
        await UserAsync("alice");
        var token = ApiKeyToken.Generate();
        var stored = await Identities.CreateApiKeyAsync(new CreateApiKeyCommand("alice", "laptop", null, token.Id, token.Hash()), Tester, Ct);

        Assert.Equal((token.Id, "alice", "laptop", "tester"), (stored.Id, stored.Principal, stored.Name, stored.CreatedBy));
        var credential = await Identities.FindCredentialAsync(token.Id, Ct);
        Assert.NotNull(credential);
        Assert.Equal(token.Hash(), credential.SecretHash);
        Assert.True(token.Matches([.. credential.SecretHash]));
        Assert.False(ApiKeyToken.Generate().Matches([.. credential.SecretHash]));
        Assert.Equal("alice", credential.Principal.Name);
        Assert.Null(await Identities.FindCredentialAsync(ApiKeyToken.Generate().Id, Ct));
    }

    [Fact]
    public async Task a_revoked_key_stays_listed_as_revoked_and_an_expired_one_as_expired()
    {
        await UserAsync("alice");
        var alice = await ActorAsync("alice");
        var token = ApiKeyToken.Generate();
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        await Identities.CreateApiKeyAsync(new CreateApiKeyCommand("alice", "ci", expires, token.Id, token.Hash()), alice, Ct);

        var key = (await Identities.FindCredentialAsync(token.Id, Ct))!.Key;
        Assert.Equal(ApiKeyState.Active, key.StateAt(DateTimeOffset.UtcNow));
        Assert.Equal(ApiKeyState.Expired, key.StateAt(expires.AddSeconds(1)));

        var revoked = await Identities.RevokeApiKeyAsync(token.Id, alice, Ct);
        Assert.Equal(ApiKeyState.Revoked, revoked.StateAt(DateTimeOffset.UtcNow));
        Assert.Equal("alice", revoked.RevokedBy);
        Assert.Equal(revoked, await Identities.RevokeApiKeyAsync(token.Id, alice, Ct));

        var active = await Identities.GetApiKeysAsync("alice", includeRevoked: false, alice, new PageRequest(10), Ct);
        var all = await Identities.GetApiKeysAsync("alice", includeRevoked: true, alice, new PageRequest(10), Ct);
        Assert.DoesNotContain(active.Items, k => k.Value.Id == token.Id);
        Assert.Equal(token.Id, all.Items[0].Value.Id);   // newest first
        Assert.Equal(all.Items.Count, await Identities.CountApiKeysAsync("alice", true, alice, Ct));
        await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            Identities.CreateApiKeyAsync(new CreateApiKeyCommand("alice", "old", DateTimeOffset.UtcNow.AddSeconds(-1), "abcdefabcdef", token.Hash()), alice, Ct));
    }

    [Fact]
    public async Task keys_are_managed_by_their_owner_by_admins_of_a_service_accounts_namespace_and_by_site_administrators()
    {
        await OrganizationAsync();
        await Identities.CreateServiceAccountAsync(new CreateServiceAccountCommand("acme", "ci-bot", Role.Member), await ActorAsync("bob"), Ct);
        var alice = await ActorAsync("alice");
        var bob = await ActorAsync("bob");
        var carol = await ActorAsync("carol");

        Task<ApiKeyRecord> Create(string owner, Actor actor)
        {
            var token = ApiKeyToken.Generate();
            return Identities.CreateApiKeyAsync(new CreateApiKeyCommand(owner, "k", null, token.Id, token.Hash()), actor, Ct);
        }

        Assert.Equal("ci-bot", (await Create("ci-bot", bob)).Principal);       // ADMIN of acme
        await Assert.ThrowsAsync<ForbiddenException>(() => Create("ci-bot", alice));   // MEMBER of acme
        await Assert.ThrowsAsync<NotFoundException>(() => Create("ci-bot", carol));    // no role in acme
        await Assert.ThrowsAsync<NotFoundException>(() => Create("alice", bob));       // another user
        await Assert.ThrowsAsync<NotFoundException>(() => Identities.GetApiKeysAsync("alice", false, bob, new PageRequest(10), Ct));
        Assert.Equal("alice", (await Create("alice", alice)).Principal);
        Assert.Equal("alice", (await Create("alice", Tester)).Principal);

        var robot = await ActorAsync("ci-bot");
        Assert.Equal(Role.Member, robot.Access.NamespaceRole(await NamespaceIdAsync("acme")));
        var aliceKey = await Create("alice", alice);
        await Assert.ThrowsAsync<NotFoundException>(() => Identities.RevokeApiKeyAsync(aliceKey.Id, carol, Ct));
    }

    [Fact]
    public async Task a_principal_holds_a_bounded_number_of_active_keys()
    {
        await UserAsync("alice");
        for (var i = 0; i < 100; i++)
        {
            var token = ApiKeyToken.Generate();
            await Identities.CreateApiKeyAsync(new CreateApiKeyCommand("alice", $"k{i}", null, token.Id, token.Hash()), Tester, Ct);
        }

        var extra = ApiKeyToken.Generate();
        var refused = await Assert.ThrowsAsync<LimitExceededException>(() =>
            Identities.CreateApiKeyAsync(new CreateApiKeyCommand("alice", "one-more", null, extra.Id, extra.Hash()), Tester, Ct));
        Assert.Equal("activeKeys", refused.Limit);
        Assert.Null(await Identities.FindCredentialAsync(extra.Id, Ct));
    }

    [Fact]
    public async Task users_teams_organizations_and_service_accounts_share_one_set_of_names()
    {
        await OrganizationAsync();
        await Assert.ThrowsAsync<ConflictException>(() => UserAsync("acme"));
        await Assert.ThrowsAsync<ConflictException>(() =>
            Identities.CreateNamespaceAsync(new CreateNamespaceCommand("alice", NamespaceKind.Team, null), Tester, Ct));
        await Assert.ThrowsAsync<ConflictException>(() =>
            Identities.CreateServiceAccountAsync(new CreateServiceAccountCommand("acme", "ml", Role.Member), Tester, Ct));
        await Assert.ThrowsAsync<InvalidArgumentException>(() => GrantAsync("acme", "alice", Role.RestrictedViewer));
        await Assert.ThrowsAsync<InvalidArgumentException>(() => GrantAsync("ml", "ml", Role.Member));
        await Assert.ThrowsAsync<NotFoundException>(() => GrantAsync("acme", "nobody", Role.Member));
        var bob = await ActorAsync("bob");
        await Assert.ThrowsAsync<ForbiddenException>(() => Identities.CreateUserAsync(new CreateUserCommand("dave", false), bob, Ct));
    }

    [Fact]
    public async Task the_only_admin_of_a_namespace_cannot_step_down_until_another_is_named()
    {
        await OrganizationAsync();   // bob is the only ADMIN of acme
        var bob = await ActorAsync("bob");

        await Assert.ThrowsAsync<ConflictException>(() => Identities.RevokeRoleAsync(new RevokeRoleCommand("acme", "bob"), bob, Ct));
        await Assert.ThrowsAsync<ConflictException>(() => Identities.GrantRoleAsync(new GrantRoleCommand("acme", "bob", Role.Member), bob, Ct));
        Assert.Equal(Role.Admin, (await ActorAsync("bob")).Access.NamespaceRole(await NamespaceIdAsync("acme")));

        await Identities.GrantRoleAsync(new GrantRoleCommand("acme", "carol", Role.Admin), bob, Ct);
        Assert.True(await Identities.RevokeRoleAsync(new RevokeRoleCommand("acme", "bob"), bob, Ct));
        Assert.Null((await ActorAsync("bob")).Access.NamespaceRole(await NamespaceIdAsync("acme")));
    }

    [Fact]
    public async Task an_organization_admin_creates_teams_in_it_and_others_may_not()
    {
        await OrganizationAsync();
        var bob = await ActorAsync("bob");
        var alice = await ActorAsync("alice");
        var team = await Identities.CreateNamespaceAsync(new CreateNamespaceCommand("vision", NamespaceKind.Team, "acme"), bob, Ct);
        Assert.Equal(("vision", NamespaceKind.Team, "acme", "bob"), (team.Name, team.Kind, team.Organization, team.CreatedBy));

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Identities.CreateNamespaceAsync(new CreateNamespaceCommand("nlp", NamespaceKind.Team, "acme"), alice, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Identities.CreateNamespaceAsync(new CreateNamespaceCommand("solo", NamespaceKind.Team, null), bob, Ct));
        Assert.Null(await Identities.FindNamespaceAsync("nlp", All, Ct));
    }

    [Fact]
    public async Task a_project_and_a_registry_of_the_same_owner_may_not_share_a_name()
    {
        await RunAsync("acme/zoo/r");
        await Assert.ThrowsAsync<ConflictException>(() =>
            Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "zoo", RegistryVisibility.Organization), Tester, Ct));
        await Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Organization), Tester, Ct);
        await Assert.ThrowsAsync<ConflictException>(() => RunAsync("acme/models/r"));
        await Assert.ThrowsAsync<ConflictException>(() =>
            Identities.CreateRegistryAsync(new CreateRegistryCommand("acme", "models", RegistryVisibility.Restricted), Tester, Ct));
    }

    [Fact]
    public async Task bootstrap_creates_the_administrator_once_and_the_environment_key_replaces_the_last_one()
    {
        var first = ApiKeyToken.Generate();
        var made = await Identities.BootstrapAdministratorAsync("root", null, first, null, Ct);
        Assert.True(made.Created);
        Assert.True(made.Administrator.IsAdministrator);
        Assert.True((await Identities.FindCredentialAsync(first.Id, Ct))!.Access.IsAdministrator);

        var again = await Identities.BootstrapAdministratorAsync("root", null, ApiKeyToken.Generate(), null, Ct);
        Assert.False(again.Created);

        var environment = ApiKeyToken.Generate();
        await Identities.BootstrapAdministratorAsync("root", environment, ApiKeyToken.Generate(), null, Ct);
        var rotated = ApiKeyToken.Generate();
        await Identities.BootstrapAdministratorAsync("root", rotated, ApiKeyToken.Generate(), null, Ct);

        Assert.Equal(ApiKeyState.Revoked, (await Identities.FindCredentialAsync(environment.Id, Ct))!.Key.StateAt(DateTimeOffset.UtcNow));
        Assert.Equal(ApiKeyState.Active, (await Identities.FindCredentialAsync(rotated.Id, Ct))!.Key.StateAt(DateTimeOffset.UtcNow));
        Assert.Equal(ApiKeyState.Active, (await Identities.FindCredentialAsync(first.Id, Ct))!.Key.StateAt(DateTimeOffset.UtcNow));
    }
}
