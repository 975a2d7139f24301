using System.Text;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// Every role against every query and mutation, through the API: each is allowed exactly when
/// the role is at least the one the table names. A caller with no role at all gets NOT_FOUND
/// (the thing might as well not exist); one whose role is too low gets FORBIDDEN. The same
/// tables are in docs/security.md, and this test keeps them equal.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class AccessMatrixTests : IAsyncLifetime
{
    private const string SiteAdministrator = "site administrator";

    private static readonly string[] NamespaceRoles = ["ADMIN", "MEMBER", "VIEWER", "none"];
    private static readonly string[] RegistryRoles = ["ADMIN", "MEMBER", "VIEWER", "RESTRICTED_VIEWER", "none"];

    /// <summary>What each operation on the namespace acme (and its project acme/zoo) needs.</summary>
    private static readonly Operation[] NamespaceOperations =
    [
        new("project", "VIEWER", """{ project(path: "acme/zoo") { path } }"""),
        new("run", "VIEWER", """{ run(path: "acme/zoo/prep") { path config } }"""),
        new("artifact", "VIEWER", """{ artifact(name: "acme/zoo/data:v0") { qualifiedName metadata } }"""),
        new("artifact.usedBy / loggedBy / loggers", "VIEWER", """{ artifact(name: "acme/zoo/data:v0") { usedBy { totalCount } loggedBy { path } loggers { nodes { path } } } }"""),
        new("lineage", "VIEWER", """{ lineage(start: "acme/zoo/data:v0") { nodes { name } } }"""),
        new("namespace", "VIEWER", """{ namespace(name: "acme") { name viewerRole projects { totalCount } } }"""),
        new("namespace.members", "VIEWER", """{ namespace(name: "acme") { members { nodes { member role } } } }"""),
        new("createRun (existing project)", "MEMBER", """mutation ($who: String!) { createRun(input: { project: "acme/zoo", name: $who }) { path } }"""),
        new("createRun (new project)", "MEMBER", """mutation ($target: String!) { createRun(input: { project: $target, name: "first" }) { path } }""", "acme/new-{who}"),
        new("finishRun", "MEMBER", """mutation ($target: String!) { finishRun(input: { run: $target }) { state } }""", "acme/zoo/finish-{who}"),
        new("logArtifact", "MEMBER", """mutation ($who: String!) { logArtifact(input: { run: "acme/zoo/prep", name: "data", type: "dataset", digest: $who }) { name } }"""),
        new("useArtifact", "MEMBER", """mutation ($target: String!) { useArtifact(input: { run: $target, artifact: "acme/zoo/data:v0" }) { name } }""", "acme/zoo/use-{who}"),
        new("addAlias", "MEMBER", """mutation ($who: String!) { addAlias(input: { artifact: "acme/zoo/data:v0", alias: $who }) { aliases } }"""),
        new("removeAlias", "MEMBER", """mutation ($target: String!) { removeAlias(input: { artifact: "acme/zoo/data:v0", alias: $target }) { aliases } }""", "gone-{who}"),
        new("createServiceAccount", "ADMIN", """mutation ($target: String!) { createServiceAccount(input: { namespace: "acme", name: $target }) { name } }""", "bot-{who}"),
        new("createApiKey for a service account", "ADMIN", """mutation { createApiKey(input: { owner: "ci-bot", name: "k" }) { apiKey { owner } } }"""),
        new("apiKeys of a service account", "ADMIN", """{ apiKeys(owner: "ci-bot") { totalCount } }"""),
        new("grantRole", "ADMIN", """mutation ($target: String!) { grantRole(input: { resource: "acme", member: $target, role: VIEWER }) { role } }""", "guest-{who}"),
        new("revokeRole", "ADMIN", """mutation ($target: String!) { revokeRole(input: { resource: "acme", member: $target }) }""", "leaver-{who}"),
        new("createNamespace (team in acme)", "ADMIN", """mutation ($target: String!) { createNamespace(input: { name: $target, kind: TEAM, organization: "acme" }) { name } }""", "team-{who}"),
        new("createRegistry", "ADMIN", """mutation ($target: String!) { createRegistry(input: { owner: "acme", name: $target }) { path } }""", "reg-{who}"),
        new("createUser", SiteAdministrator, """mutation ($target: String!) { createUser(input: { name: $target }) { name } }""", "user-{who}"),
        new("createNamespace (organization)", SiteAdministrator, """mutation ($target: String!) { createNamespace(input: { name: $target, kind: ORGANIZATION }) { name } }""", "org-{who}"),
    ];

    /// <summary>What each operation on the RESTRICTED registry acme/models needs.</summary>
    private static readonly Operation[] RegistryOperations =
    [
        new("registry", "RESTRICTED_VIEWER", """{ registry(path: "acme/models") { path visibility viewerRole } }"""),
        new("registry.members", "VIEWER", """{ registry(path: "acme/models") { members { nodes { member role } } } }"""),
        new("grantRole", "ADMIN", """mutation ($target: String!) { grantRole(input: { resource: "acme/models", member: $target, role: VIEWER }) { role } }""", "guest-{who}"),
        new("revokeRole", "ADMIN", """mutation ($target: String!) { revokeRole(input: { resource: "acme/models", member: $target }) }""", "leaver-{who}"),
        new("updateRegistry (visibility)", "ADMIN", """mutation { updateRegistry(input: { registry: "acme/models", visibility: RESTRICTED }) { visibility } }"""),
        new("updateRegistry (protected aliases)", "ADMIN", """mutation { updateRegistry(input: { registry: "acme/models", protectedAliases: ["production"] }) { protectedAliases } }"""),
        new("collection", "RESTRICTED_VIEWER", """{ collection(path: "acme/models/classifier") { path tags versions { totalCount nodes { qualifiedName digest aliases } } } }"""),
        new("collection.history", "VIEWER", """{ collection(path: "acme/models/classifier") { history { nodes { action } } } }"""),
        new("collection.history.totalCount / verifyAuditHistory", "VIEWER", """{ collection(path: "acme/models/classifier") { history { totalCount } } verifyAuditHistory(path: "acme/models/classifier") { ok } }"""),
        new("useArtifact (a linked version)", "VIEWER", """mutation ($target: String!) { useArtifact(input: { run: $target, artifact: "acme/models/classifier:v0" }) { name } }""", "{who}/work/use"),
        new("createCollection", "MEMBER", """mutation ($target: String!) { createCollection(input: { registry: "acme/models", name: $target, type: "model" }) { path } }""", "coll-{who}"),
        new("linkArtifact", "MEMBER", """mutation ($target: String!) { linkArtifact(input: { artifact: $target, collection: "acme/models/classifier" }) { name } }""", "{who}/work/model:v0"),
        new("unlinkArtifact", "MEMBER", """mutation ($target: String!) { unlinkArtifact(input: { artifact: $target }) }""", "acme/models/classifier:spare-{who}"),
        new("addAlias", "MEMBER", """mutation ($who: String!) { addAlias(input: { artifact: "acme/models/classifier:v0", alias: $who }) { aliases } }"""),
        new("removeAlias", "MEMBER", """mutation ($target: String!) { removeAlias(input: { artifact: "acme/models/classifier:v0", alias: $target }) { aliases } }""", "gone-{who}"),
        new("addTags", "MEMBER", """mutation ($who: String!) { addTags(input: { target: "acme/models/classifier", tags: [$who] }) { tags } }"""),
        new("addAlias (protected alias)", "ADMIN", """mutation { addAlias(input: { artifact: "acme/models/classifier:v0", alias: "production" }) { aliases } }"""),
        new("addAlias (protected alias, other case)", "ADMIN", """mutation { addAlias(input: { artifact: "acme/models/classifier:v0", alias: "Production" }) { aliases } }"""),
        new("linkArtifact (protected alias, other case)", "ADMIN", """mutation ($target: String!) { linkArtifact(input: { artifact: $target, collection: "acme/models/classifier", aliases: ["PRODUCTION"] }) { name } }""", "{who}/work/model:v0"),
        new("unlinkArtifact (holds a protected alias)", "ADMIN", """mutation ($target: String!) { unlinkArtifact(input: { artifact: $target }) }""", "acme/models/held-{who}:production"),
    ];

    private readonly LineageApp _app = new() { Organizations = [] };
    private readonly Dictionary<string, GraphQLClient> _namespaceUsers = [];
    private readonly Dictionary<string, GraphQLClient> _registryUsers = [];

    public async ValueTask InitializeAsync()
    {
        var admin = _app.GraphQL();
        await admin.DataAsync("""mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }""");
        await admin.DataAsync("""mutation { createRun(input: { project: "acme/zoo", name: "prep" }) { path } }""");
        await admin.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/prep", name: "data", type: "dataset", digest: "d0" }) { name } }""");
        await admin.DataAsync("""mutation { createServiceAccount(input: { namespace: "acme", name: "ci-bot" }) { name } }""");
        await admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models", visibility: RESTRICTED, protectedAliases: ["production"] }) { path } }""");
        await admin.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/prep", name: "clf", type: "model", digest: "c0" }) { name } }""");
        await admin.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "classifier", type: "model" }) { path } }""");
        await admin.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/clf:v0", collection: "acme/models/classifier" }) { name } }""");

        foreach (var role in NamespaceRoles)
        {
            var who = "ns-" + Slug(role);
            _namespaceUsers[role] = await _app.UserAsync(who);
            if (role != "none")
            {
                await Grant(admin, "acme", who, role);
            }
        }

        foreach (var role in RegistryRoles)
        {
            var who = "reg-" + Slug(role);
            _registryUsers[role] = await _app.UserAsync(who);
            if (role != "none")
            {
                await Grant(admin, "acme/models", who, role);
            }
        }

        // What the mutations of each caller act on, made beforehand by the administrator.
        foreach (var who in NamespaceRoles.Select(r => "ns-" + Slug(r)).Concat(RegistryRoles.Select(r => "reg-" + Slug(r))))
        {
            await admin.DataAsync("mutation ($n: String!) { createRun(input: { project: \"acme/zoo\", name: $n }) { path } }", new { n = $"finish-{who}" });
            await admin.DataAsync("mutation ($n: String!) { createRun(input: { project: \"acme/zoo\", name: $n }) { path } }", new { n = $"use-{who}" });
            await admin.DataAsync("mutation ($a: String!) { addAlias(input: { artifact: \"acme/zoo/data:v0\", alias: $a }) { name } }", new { a = $"gone-{who}" });
            await admin.DataAsync("mutation ($n: String!) { createUser(input: { name: $n }) { name } }", new { n = $"guest-{who}" });
            await admin.DataAsync("mutation ($n: String!) { createUser(input: { name: $n }) { name } }", new { n = $"leaver-{who}" });
            await Grant(admin, "acme", $"leaver-{who}", "VIEWER");
            await Grant(admin, "acme/models", $"leaver-{who}", "VIEWER");
        }

        // What the registry's callers act on: versions in their own namespaces, linked versions
        // and aliases of their own.
        foreach (var who in RegistryRoles.Select(r => "reg-" + Slug(r)))
        {
            await admin.DataAsync(
                """
                mutation ($maker: String!, $run: String!) {
                  a: createRun(input: { project: $maker, name: "maker" }) { path }
                  b: createRun(input: { project: $maker, name: "use" }) { path }
                  c: logArtifact(input: { run: $run, name: "model", type: "model", digest: "m" }) { name }
                  d: logArtifact(input: { run: $run, name: "spare", type: "model", digest: "s" }) { name }
                }
                """,
                new { maker = $"{who}/work", run = $"{who}/work/maker" });
            await admin.DataAsync(
                """
                mutation ($spare: String!, $alias: String!, $gone: String!, $held: String!, $heldPath: String!) {
                  a: addAlias(input: { artifact: "acme/models/classifier:v0", alias: $gone }) { name }
                  b: linkArtifact(input: { artifact: $spare, collection: "acme/models/classifier", aliases: [$alias] }) { name }
                  c: createCollection(input: { registry: "acme/models", name: $held, type: "model" }) { path }
                  d: linkArtifact(input: { artifact: $spare, collection: $heldPath, aliases: ["production"] }) { name }
                }
                """,
                new { spare = $"{who}/work/spare:v0", alias = $"spare-{who}", gone = $"gone-{who}", held = $"held-{who}", heldPath = $"acme/models/held-{who}" });
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task every_namespace_role_can_do_exactly_what_the_table_says()
    {
        var observed = await ObserveAsync(NamespaceOperations, NamespaceRoles, _namespaceUsers, "ns-");
        var expected = Expect(NamespaceOperations, NamespaceRoles, ["VIEWER", "MEMBER", "ADMIN"]);

        Assert.Equal(Render(expected, NamespaceRoles), Render(observed, NamespaceRoles));
        AssertDocumented("namespace", Render(expected, NamespaceRoles));
    }

    [Fact]
    public async Task every_registry_role_can_do_exactly_what_the_table_says()
    {
        var observed = await ObserveAsync(RegistryOperations, RegistryRoles, _registryUsers, "reg-");
        var expected = Expect(RegistryOperations, RegistryRoles, ["RESTRICTED_VIEWER", "VIEWER", "MEMBER", "ADMIN"]);

        Assert.Equal(Render(expected, RegistryRoles), Render(observed, RegistryRoles));
        AssertDocumented("registry", Render(expected, RegistryRoles));
    }

    private static async Task Grant(GraphQLClient admin, string resource, string member, string role) =>
        await admin.DataAsync(
            $"mutation ($r: String!, $m: String!) {{ grantRole(input: {{ resource: $r, member: $m, role: {role} }}) {{ role }} }}",
            new { r = resource, m = member });

    private static string Slug(string role) => role.ToLowerInvariant().Replace('_', '-');

    private static async Task<Dictionary<(string, string), string>> ObserveAsync(
        Operation[] operations, string[] roles, Dictionary<string, GraphQLClient> users, string prefix)
    {
        var observed = new Dictionary<(string, string), string>();
        foreach (var operation in operations)
        {
            foreach (var role in roles)
            {
                var who = prefix + Slug(role);
                var target = operation.Target?.Replace("{who}", who, StringComparison.Ordinal);
                var response = await users[role].SendAsync(operation.Document, new { who, target });
                observed[(operation.Name, role)] = response.Errors.Count == 0
                    ? "yes"
                    : response.Errors[0].Str("extensions.code");
            }
        }

        return observed;
    }

    private static Dictionary<(string, string), string> Expect(Operation[] operations, string[] roles, string[] ladder)
    {
        var expected = new Dictionary<(string, string), string>();
        foreach (var operation in operations)
        {
            foreach (var role in roles)
            {
                var rank = Array.IndexOf(ladder, role);
                expected[(operation.Name, role)] =
                    operation.Needs == SiteAdministrator ? "FORBIDDEN"
                    : role == "none" ? "NOT_FOUND"
                    : rank >= Array.IndexOf(ladder, operation.Needs) ? "yes"
                    : "FORBIDDEN";
            }
        }

        return expected;
    }

    private static string Render(Dictionary<(string, string), string> matrix, string[] roles)
    {
        var text = new StringBuilder();
        text.Append("| operation | needs | ").AppendJoin(" | ", roles).AppendLine(" |");
        text.Append("| --- | --- |").AppendJoin("", roles.Select(_ => " --- |")).AppendLine();
        var operations = roles.Length == NamespaceRoles.Length ? NamespaceOperations : RegistryOperations;
        foreach (var operation in operations)
        {
            text.Append($"| `{operation.Name}` | {operation.Needs} | ")
                .AppendJoin(" | ", roles.Select(r => matrix[(operation.Name, r)]))
                .AppendLine(" |");
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void AssertDocumented(string table, string rendered)
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "security.md")).ReplaceLineEndings("\n");
        Assert.True(docs.Contains(rendered, StringComparison.Ordinal), $"docs/security.md lacks the {table} table as the API behaves:\n{rendered}");
    }

    /// <summary>
    /// One row of a table. <paramref name="Target"/> names what the caller acts on, with {who}
    /// standing for the caller, so that no two callers act on the same thing.
    /// </summary>
    private sealed record Operation(string Name, string Needs, string Document, string? Target = null);
}
