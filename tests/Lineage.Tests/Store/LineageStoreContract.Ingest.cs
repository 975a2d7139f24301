using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;

namespace Lineage.Tests.Store;

/// <summary>Batches of writes: one transaction, every write checked as if alone.</summary>
public abstract partial class LineageStoreContract
{
    private static CreateRunCommand NewRun(string path, string jobType = "train") => new(RunPath.Parse(path), jobType, null);

    private static LogArtifactCommand Log(string run, string name, string digest, string type = "dataset") =>
        new(RunPath.Parse(run), name, type, digest, null, []);

    private static UseArtifactCommand Use(string run, string version) => new(RunPath.Parse(run), VersionRef.Parse(version));

    [Fact]
    public async Task a_batch_applies_its_writes_in_order_in_one_go()
    {
        await NamespaceAsync("acme");
        var result = await Writes.IngestAsync(
            [
                NewRun("acme/zoo/prep", "preprocess"),
                Log("acme/zoo/prep", "data", "d0"),
                NewRun("acme/zoo/train"),
                Use("acme/zoo/train", "acme/zoo/data:v0"),
                Log("acme/zoo/train", "model", "m0", "model"),
                Log("acme/zoo/train", "model", "m0", "model"),
                NewRun("acme/zoo/eval", "eval"),
                Use("acme/zoo/eval", "acme/zoo/model:v0"),
            ],
            Tester,
            Ct);

        Assert.Equal(new IngestResult(3, 2, 4), result);
        var graph = await Store.GetLineageAsync(
            new LineageQuery(NodeRef.Version((await VersionAsync("acme/zoo/data:v0")).Id), LineageDirection.Downstream, 10, null, null, 100), All, Ct);
        Assert.Equal(["data:v0", "train", "model:v0", "eval"], graph.Nodes.Select(n => n.Name));
        Assert.Equal(["prep"], await PageNamesAsync(Relation.Loggers, (await VersionAsync("acme/zoo/data:v0")).Id));
    }

    [Fact]
    public async Task a_cycle_closed_inside_a_batch_refuses_the_whole_batch()
    {
        await RunAsync("acme/zoo/before");

        var refused = await Assert.ThrowsAsync<BatchWriteException>(() => Writes.IngestAsync(
            [
                NewRun("acme/zoo/a"),
                Log("acme/zoo/a", "x", "x0"),
                NewRun("acme/zoo/b"),
                Use("acme/zoo/b", "acme/zoo/x:v0"),
                Log("acme/zoo/b", "y", "y0"),
                Use("acme/zoo/a", "acme/zoo/y:v0"),
            ],
            Tester,
            Ct));

        Assert.Equal(ErrorCodes.CycleDetected, refused.Code);
        Assert.Equal(5, refused.Index);
        Assert.StartsWith("write 6 of 6 in the batch was refused", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["acme/zoo/y:v0", "acme/zoo/a", "acme/zoo/x:v0", "acme/zoo/b", "acme/zoo/y:v0"], (IEnumerable<object?>)refused.Details["path"]!);
        Assert.Null(await Store.FindRunAsync(RunPath.Parse("acme/zoo/a"), All, Ct));
        Assert.Null(await Store.FindVersionAsync(VersionRef.Parse("acme/zoo/x:v0"), All, Ct));

        // Nothing of the refused batch lingers where cycles are checked: the same nodes, made
        // again (with the same ids) but without b using x, may now be joined.
        await RunAsync("acme/zoo/a");
        await LogAsync("acme/zoo/a", "x", "x0");
        await RunAsync("acme/zoo/b");
        await LogAsync("acme/zoo/b", "y", "y0");
        Assert.Equal("acme/zoo/y:v0", (await UseAsync("acme/zoo/a", "acme/zoo/y:v0")).QualifiedName);
    }

    [Fact]
    public async Task a_cycle_through_versions_made_earlier_in_the_same_batch_is_found()
    {
        // `a` was made before the batch and has no edges yet; what it logs in the batch is new
        // content, whose edge needs no cycle check, but a later check must still see it.
        await RunAsync("acme/zoo/a");

        var refused = await Assert.ThrowsAsync<BatchWriteException>(() => Writes.IngestAsync(
            [
                Log("acme/zoo/a", "x", "x0"),
                NewRun("acme/zoo/b"),
                Use("acme/zoo/b", "acme/zoo/x:v0"),
                Log("acme/zoo/b", "y", "y0"),
                Use("acme/zoo/a", "acme/zoo/y:v0"),
            ],
            Tester,
            Ct));

        Assert.Equal(ErrorCodes.CycleDetected, refused.Code);
        Assert.Equal(["acme/zoo/y:v0", "acme/zoo/a", "acme/zoo/x:v0", "acme/zoo/b", "acme/zoo/y:v0"], (IEnumerable<object?>)refused.Details["path"]!);

        // The same writes one request at a time meet the same refusal at the last one.
        await LogAsync("acme/zoo/a", "x", "x0");
        await RunAsync("acme/zoo/b");
        await UseAsync("acme/zoo/b", "acme/zoo/x:v0");
        await LogAsync("acme/zoo/b", "y", "y0");
        await Assert.ThrowsAsync<CycleDetectedException>(() => UseAsync("acme/zoo/a", "acme/zoo/y:v0"));
    }

    [Fact]
    public async Task a_cycle_through_a_run_that_logged_an_older_versions_content_is_found()
    {
        // Made in time order: data by prep, used by eval, which made report; then train, which
        // logs data's content (an edge against the order things were made in). Using report in
        // train now closes a cycle through that edge, though report was made before train.
        await RunAsync("acme/zoo/prep");
        await LogAsync("acme/zoo/prep", "data", "d0");
        await RunAsync("acme/zoo/eval");
        await UseAsync("acme/zoo/eval", "acme/zoo/data:v0");
        await LogAsync("acme/zoo/eval", "report", "r0");
        await RunAsync("acme/zoo/train");
        Assert.Equal("acme/zoo/data:v0", (await LogAsync("acme/zoo/train", "data", "d0")).QualifiedName);

        var refused = await Assert.ThrowsAsync<CycleDetectedException>(() => UseAsync("acme/zoo/train", "acme/zoo/report:v0"));

        Assert.Equal(["acme/zoo/report:v0", "acme/zoo/train", "acme/zoo/data:v0", "acme/zoo/eval", "acme/zoo/report:v0"], refused.Path);
    }

    [Fact]
    public async Task each_write_of_a_batch_is_checked_against_the_callers_roles()
    {
        await RunAsync("acme/zoo/r");
        await Identities.CreateUserAsync(new CreateUserCommand("vera", false), Tester, Ct);
        await Identities.GrantRoleAsync(new GrantRoleCommand("acme", "vera", Role.Viewer), Tester, Ct);
        var vera = await ActorAsync("vera");

        var refused = await Assert.ThrowsAsync<BatchWriteException>(() =>
            Writes.IngestAsync([NewRun("vera/own/r"), NewRun("acme/zoo/mine")], vera, Ct));

        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        Assert.Equal(1, refused.Index);
        Assert.Null(await Store.FindRunAsync(RunPath.Parse("vera/own/r"), All, Ct));
        await Assert.ThrowsAsync<LimitExceededException>(() =>
            Writes.IngestAsync([.. Enumerable.Range(0, 10_001).Select(i => NewRun($"acme/zoo/r{i}"))], Tester, Ct));
    }
}
