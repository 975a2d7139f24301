using Lineage.Application;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Sqlite;
using Lineage.Tests.Support;

namespace Lineage.Tests.Store;

/// <summary>The SQLite store's in-memory graph: kept current by its own writes, and by other writers to the file.</summary>
public sealed class SqliteGraphTests : IDisposable
{
    private static readonly Actor Tester = Actor.System("tester");

    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private async Task<SqliteLineageStore> OpenAsync()
    {
        var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = _directory.Path });
        await database.MigrateAsync(Ct);
        return new SqliteLineageStore(database, TimeProvider.System);
    }

    [Fact]
    public async Task a_cycle_checked_write_leaves_the_graph_holding_what_it_added()
    {
        var store = await OpenAsync();
        await store.Identities().CreateNamespaceAsync(new CreateNamespaceCommand("acme", NamespaceKind.Organization, null), Tester, Ct);
        await new LineageWrites(store).CreateRunAsync(new CreateRunCommand(RunPath.Parse("acme/zoo/r"), "train", null), Tester, Ct);
        await new LineageWrites(store).LogArtifactAsync(new LogArtifactCommand(RunPath.Parse("acme/zoo/r"), "data", "dataset", "d0", null, []), Tester, Ct);

        // The log caught up on the run first, then added its own rows from memory at commit.
        Assert.Equal(new GraphWatermark(1, 1, 1, 1, [0, 1]), store.Graph.Watermark);
        Assert.Equal(new NodeDescription("data:v0", "acme/zoo/data:v0", "dataset", 1), store.Graph.Describe(NodeRef.Version(1)));

        var refused = await Assert.ThrowsAsync<CycleDetectedException>(() =>
            new LineageWrites(store).UseArtifactAsync(new UseArtifactCommand(RunPath.Parse("acme/zoo/r"), VersionRef.Parse("acme/zoo/data:v0")), Tester, Ct));
        Assert.Equal(["acme/zoo/data:v0", "acme/zoo/r", "acme/zoo/data:v0"], refused.Path);
        Assert.Equal(new GraphWatermark(1, 1, 1, 1, [0, 1]), store.Graph.Watermark);
    }

    [Fact]
    public async Task edges_written_by_another_store_on_the_same_file_are_seen_by_the_next_cycle_check()
    {
        var mine = await OpenAsync();
        var theirs = await OpenAsync();
        await mine.Identities().CreateNamespaceAsync(new CreateNamespaceCommand("acme", NamespaceKind.Organization, null), Tester, Ct);
        await new LineageWrites(mine).IngestAsync(
            [
                new CreateRunCommand(RunPath.Parse("acme/zoo/a"), null, null),
                new LogArtifactCommand(RunPath.Parse("acme/zoo/a"), "x", "dataset", "x0", null, []),
            ],
            Tester,
            Ct);
        await mine.GetLineageAsync(new LineageQuery(NodeRef.Run(1), LineageDirection.Both, 3, null, null, 100), Access.Administrator, Ct);

        // Another writer (another process, say) makes b use x and log y.
        await new LineageWrites(theirs).IngestAsync(
            [
                new CreateRunCommand(RunPath.Parse("acme/zoo/b"), null, null),
                new UseArtifactCommand(RunPath.Parse("acme/zoo/b"), VersionRef.Parse("acme/zoo/x:v0")),
                new LogArtifactCommand(RunPath.Parse("acme/zoo/b"), "y", "dataset", "y0", null, []),
            ],
            Tester,
            Ct);

        var refused = await Assert.ThrowsAsync<CycleDetectedException>(() =>
            new LineageWrites(mine).UseArtifactAsync(new UseArtifactCommand(RunPath.Parse("acme/zoo/a"), VersionRef.Parse("acme/zoo/y:v0")), Tester, Ct));
        Assert.Equal(["acme/zoo/y:v0", "acme/zoo/a", "acme/zoo/x:v0", "acme/zoo/b", "acme/zoo/y:v0"], refused.Path);
    }
}
