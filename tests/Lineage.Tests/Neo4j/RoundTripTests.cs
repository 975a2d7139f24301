using Lineage.Application;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Neo4j;
using Lineage.Tests.Support;

namespace Lineage.Tests.Neo4j;

/// <summary>
/// How many requests each write costs the Neo4j store, all of them while it holds the write lock,
/// counted against the fake answering each statement as a database holding acme/zoo would. The
/// sequences are spelled out so that a change to them is deliberate; folding them toward the
/// three an explicit transaction needs at the least (open, one statement, commit) is still to do.
/// </summary>
public sealed class RoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string At = "2026-01-01T00:00:00.0000000Z";

    private static readonly Dictionary<string, string> NameOf = CypherCatalog.All.ToDictionary(s => s.Value.Text, s => s.Key, StringComparer.Ordinal);

    private static readonly object Namespace = new { id = 1, name = "acme", kind = "ORGANIZATION", organizationId = (long?)null, organization = (string?)null, createdAt = At, createdBy = "t" };

    private static readonly object Project = new { id = 2, namespaceId = 1, @namespace = "acme", name = "zoo", createdAt = At, createdBy = "t" };

    private static readonly object Run = new { id = 3, projectId = 2, namespaceId = 1, @namespace = "acme", project = "zoo", name = "train", path = "acme/zoo/train", state = "RUNNING", jobType = "train", createdAt = At, createdBy = "t" };

    private static readonly object Artifact = new { id = 5, projectId = 2, namespaceId = 1, @namespace = "acme", project = "zoo", name = "data", type = "dataset", createdAt = At };

    private static readonly object Version = new
    {
        id = 4,
        artifactId = 5,
        projectId = 2,
        namespaceId = 1,
        @namespace = "acme",
        project = "zoo",
        artifactName = "data",
        type = "dataset",
        versionIndex = 0,
        digest = "d0",
        loggedByRunId = 3,
        createdAt = At,
        createdBy = "t",
        aliases = Array.Empty<string>(),
        latest = true,
    };

    /// <summary>The statements a write sent, by file name, with the opening and commit as "begin" and "commit".</summary>
    private static async Task<List<string>> CountAsync(Func<LineageWrites, Task> write, bool runExists)
    {
        await using var fake = new FakeNeo4j(r =>
        {
            if (r.Path.EndsWith("/tx", StringComparison.Ordinal))
            {
                return Neo4jAnswer.Begun("w1");
            }

            if (r.Path.EndsWith("/commit", StringComparison.Ordinal))
            {
                return new Neo4jAnswer(202, new { bookmarks = new[] { "FB:1" } });
            }

            return (r.Statement is { } text ? NameOf.GetValueOrDefault(text) : null) switch
            {
                "lock/take" => Neo4jAnswer.Rows(["taken"], [1]),
                "identity/namespace-by-name" => Neo4jAnswer.Rows(["namespace"], [Namespace]),
                "projects/by-path" => Neo4jAnswer.Rows(["project"], [Project]),
                "runs/by-path" => runExists ? Neo4jAnswer.Rows(["run"], [Run]) : Neo4jAnswer.Rows(["run"]),
                "runs/create" => Neo4jAnswer.Rows(["id"], [3]),
                "runs/load" => Neo4jAnswer.Rows(["run"], [Run]),
                "versions/id-by-index" => Neo4jAnswer.Rows(["id"], [4]),
                "versions/load" => Neo4jAnswer.Rows(["version"], [Version]),
                "edges/used-exists" or "edges/logged-exists" => Neo4jAnswer.Rows(["known"], [false]),
                "artifacts/by-path" => Neo4jAnswer.Rows(["artifact"], [Artifact]),
                "versions/by-digest" => Neo4jAnswer.Rows(["id", "versionIndex"]),
                "versions/create" => Neo4jAnswer.Rows(["id", "versionIndex"], [4, 1]),
                "history/head" => Neo4jAnswer.Rows(["length", "head", "nextId"], [0, null, 1]),

                // The version was made before the run, so their places are in order.
                "lineage/places" => Neo4jAnswer.Rows(["kind", "id", "place"], ["RUN", 3, 2], ["ARTIFACT", 4, 1]),
                _ => Neo4jAnswer.Rows([]),
            };
        });
        using var client = new Neo4jClient(new Neo4jStoreOptions { Url = fake.Url, User = "neo4j", Password = "pw", RetryDelay = TimeSpan.FromMilliseconds(1) });
        await write(new LineageWrites(new Neo4jLineageStore(client, TimeProvider.System)));
        return [.. fake.Requests.Select(r => r.Path.EndsWith("/tx", StringComparison.Ordinal) ? "begin"
            : r.Path.EndsWith("/commit", StringComparison.Ordinal) ? "commit"
            : r.Statement is { } text ? NameOf.GetValueOrDefault(text, "?") : "?")];
    }

    private static Actor Tester => new("tester", Access.Administrator, 9);

    [Fact]
    public async Task creating_a_run_in_an_existing_project_costs_eight_requests()
    {
        var sent = await CountAsync(w => w.CreateRunAsync(new CreateRunCommand(RunPath.Parse("acme/zoo/train"), "train", null), Tester, Ct), runExists: false);

        Assert.Equal(["begin", "lock/take", "identity/namespace-by-name", "projects/by-path", "runs/by-path", "runs/create", "runs/load", "commit"], sent);
    }

    [Fact]
    public async Task using_a_version_made_before_the_run_costs_nine_requests_and_no_walk()
    {
        var sent = await CountAsync(w => w.UseArtifactAsync(new UseArtifactCommand(RunPath.Parse("acme/zoo/train"), VersionRef.Parse("acme/zoo/data:v0")), Tester, Ct), runExists: true);

        Assert.Equal(
            ["begin", "lock/take", "runs/by-path", "versions/id-by-index", "versions/load", "edges/used-exists", "lineage/places", "edges/create-used", "commit"],
            sent);
    }

    [Fact]
    public async Task logging_new_content_as_an_existing_artifact_costs_eleven_requests()
    {
        var sent = await CountAsync(w => w.LogArtifactAsync(new LogArtifactCommand(RunPath.Parse("acme/zoo/train"), "data", "dataset", "d1", null, []), Tester, Ct), runExists: true);

        Assert.Equal(
            [
                "begin", "lock/take", "runs/by-path", "artifacts/by-path", "versions/by-digest", "versions/create", "edges/create-logged",
                "history/head", "history/append", "versions/load", "commit",
            ],
            sent);
    }
}
