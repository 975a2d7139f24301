using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;

namespace Lineage.Tests.Lineage;

/// <summary>The in-memory graph's own walk against the reference walk of the core.</summary>
public sealed class GraphIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A random DAG over three namespaces, built the way a store would load it: nodes first, then edges in creation order.</summary>
    private static (GraphIndex Index, List<NodeRef> Nodes) RandomGraph(Random random)
    {
        var (delta, order) = RandomDelta(random);
        var index = new GraphIndex();
        index.Apply(delta);
        return (index, order);
    }

    /// <summary>What <see cref="RandomGraph"/> loads: the rows of a random DAG, and its nodes in creation order.</summary>
    private static (GraphDelta Delta, List<NodeRef> Nodes) RandomDelta(Random random)
    {
        var delta = new GraphDelta();
        for (var p = 1; p <= 3; p++)
        {
            delta.Projects.Add((p, p, $"ns{p}/p"));
            delta.Artifacts.Add((p * 2 - 1, p, "data", "dataset"));
            delta.Artifacts.Add((p * 2, p, "model", "model"));
        }

        var order = new List<NodeRef>();
        var (runs, versions) = (0, 0);
        string?[] jobs = ["train", "eval", null];
        for (var i = random.Next(2, 60); i > 0; i--)
        {
            if (random.Next(2) == 0)
            {
                runs++;
                delta.Runs.Add((runs, random.Next(1, 4), $"r{runs}", jobs[random.Next(3)]));
                order.Add(NodeRef.Run(runs));
            }
            else
            {
                versions++;
                delta.Versions.Add((versions, random.Next(1, 7), versions));
                order.Add(NodeRef.Version(versions));
            }
        }

        var (used, logged) = (0L, 0L);
        var seen = new HashSet<(NodeRef, NodeRef)>();
        for (var e = order.Count * 3; e > 0; e--)
        {
            var a = order[random.Next(order.Count)];
            var b = order[random.Next(order.Count)];
            if (order.IndexOf(a) >= order.IndexOf(b) || a.Kind == b.Kind || !seen.Add((a, b)))
            {
                continue;
            }

            if (a.Kind == NodeKind.Artifact)
            {
                delta.Edges(EdgeKind.Used).Add((++used, b.Id, a.Id));
            }
            else
            {
                delta.Edges(EdgeKind.Logged).Add((++logged, a.Id, b.Id));
            }
        }

        return (delta, order);
    }

    [Fact]
    public async Task the_index_walks_exactly_as_the_reference_walker_does()
    {
        var random = new Random(11);
        string[] types = ["dataset", "model", "train", "eval"];
        for (var round = 0; round < 400; round++)
        {
            var (index, nodes) = RandomGraph(random);
            var query = new LineageQuery(
                nodes[random.Next(nodes.Count)],
                (LineageDirection)random.Next(3),
                random.Next(0, 8),
                random.Next(4) == 0 ? new HashSet<string> { types[random.Next(2)] } : null,
                random.Next(4) == 0 ? new HashSet<string> { types[2 + random.Next(2)] } : null,
                random.Next(5) == 0 ? int.MaxValue : random.Next(1, 40));
            var access = random.Next(3) == 0
                ? Access.Administrator
                : Access.Of(new Dictionary<long, Role> { [1] = Role.Viewer, [2] = Role.Viewer }, new Dictionary<long, Role>());
            await AssertWalksAsTheReferenceAsync(index, query, access);
        }
    }

    [Fact]
    public async Task a_hubs_neighbours_cut_by_a_small_budget_are_those_the_reference_walker_takes()
    {
        // A version used by hundreds of runs, added in shuffled order, that log versions of a
        // small pool (so a level reaches one node by many steps), which more runs use.
        var random = new Random(14);
        for (var round = 0; round < 150; round++)
        {
            var delta = new GraphDelta();
            delta.Projects.Add((1, 1, "ns1/p"));
            delta.Projects.Add((2, 2, "ns2/p"));
            delta.Artifacts.Add((1, 1, "data", "dataset"));
            delta.Artifacts.Add((2, 2, "model", "model"));
            var (runs, versions, wide, pool) = (0, 1, random.Next(20, 400), random.Next(3, 60));
            delta.Versions.Add((1, 1, 0));
            for (var v = 0; v < pool; v++)
            {
                delta.Versions.Add((++versions, random.Next(1, 3), v + 1));
            }

            // Runs added in order give the hub a list in ascending order, chosen from as it is
            // read; shuffled, the list's new targets are selected and sorted.
            var (used, logged) = (0L, 0L);
            var shuffled = random.Next(2) == 0;
            foreach (var run in Enumerable.Range(1, wide).OrderBy(r => shuffled ? random.Next() : r))
            {
                delta.Runs.Add((run, random.Next(1, 3), $"r{run}", random.Next(2) == 0 ? "train" : "eval"));
                delta.Edges(EdgeKind.Used).Add((++used, run, 1));
                foreach (var version in Enumerable.Range(2, pool).OrderBy(_ => random.Next()).Take(random.Next(0, 4)))
                {
                    delta.Edges(EdgeKind.Logged).Add((++logged, run, version));
                }
            }

            runs = wide;
            for (var extra = random.Next(0, 100); extra > 0; extra--)
            {
                delta.Runs.Add((++runs, random.Next(1, 3), $"r{runs}", "eval"));
                delta.Edges(EdgeKind.Used).Add((++used, runs, random.Next(2, versions + 1)));
            }

            delta.Runs.Sort();
            var index = new GraphIndex();
            index.Apply(delta);
            var start = random.Next(3) == 0 ? NodeRef.Version(random.Next(2, versions + 1)) : NodeRef.Version(1);
            var query = new LineageQuery(start, (LineageDirection)random.Next(3), random.Next(1, 5), null, null, random.Next(4) == 0 ? int.MaxValue : random.Next(1, wide * 2));
            var access = random.Next(3) == 0
                ? Access.Of(new Dictionary<long, Role> { [1] = Role.Viewer }, new Dictionary<long, Role>())
                : Access.Administrator;
            await AssertWalksAsTheReferenceAsync(index, query, access);
        }
    }

    [Fact]
    public async Task a_hubs_list_read_in_order_stops_choosing_at_the_budget_and_says_it_cut()
    {
        // Fifty runs use one version, in the order they were made, and log nothing; every
        // third is in a namespace the member cannot see.
        var delta = new GraphDelta();
        delta.Projects.Add((1, 1, "ns1/p"));
        delta.Projects.Add((2, 2, "ns2/p"));
        delta.Artifacts.Add((1, 1, "data", "dataset"));
        delta.Versions.Add((1, 1, 0));
        for (var run = 1; run <= 50; run++)
        {
            delta.Runs.Add((run, run % 3 == 0 ? 2 : 1, $"r{run}", "train"));
            delta.Edges(EdgeKind.Used).Add((run, run, 1));
        }

        var index = new GraphIndex();
        index.Apply(delta);
        var member = Access.Of(new Dictionary<long, Role> { [1] = Role.Viewer }, new Dictionary<long, Role>());
        foreach (var (budget, access, runs, cut) in new[]
        {
            (10, Access.Administrator, Enumerable.Range(1, 9), true),
            (10, member, Enumerable.Range(1, 13).Where(r => r % 3 != 0), true),
            (51, Access.Administrator, Enumerable.Range(1, 50), false),
            (35, member, Enumerable.Range(1, 50).Where(r => r % 3 != 0), false),
        })
        {
            var query = new LineageQuery(NodeRef.Version(1), LineageDirection.Downstream, 3, null, null, budget);
            var walked = index.Walk(query, access, "dataset");
            Assert.Equal(runs.Select(r => NodeRef.Run(r)), walked.Nodes.Skip(1).Select(n => n.Node));
            Assert.Equal(cut, walked.Truncated);
            await AssertWalksAsTheReferenceAsync(index, query, access);
        }
    }

    [Fact]
    public async Task steps_past_a_lists_cut_to_nodes_visited_or_chosen_before_are_kept()
    {
        // Downstream of version 1: runs 1 and 30 use it; run 1 logs version 2, which runs 2 to
        // 20 and then run 30 use, so run 30 is seen again past the budget's cut of version 2's
        // users. Runs 31 and 32 log versions 3 and 4 (a level with two nodes); 3 is used by
        // runs 40 to 49 and 70, 4 by runs 50 to 80: run 70 is chosen from 3, above 4's cut.
        var delta = new GraphDelta();
        delta.Projects.Add((1, 1, "ns1/p"));
        delta.Artifacts.Add((1, 1, "data", "dataset"));
        for (var v = 1; v <= 4; v++)
        {
            delta.Versions.Add((v, 1, v - 1));
        }

        var (used, logged) = (delta.Edges(EdgeKind.Used), delta.Edges(EdgeKind.Logged));
        for (var run = 1; run <= 80; run++)
        {
            delta.Runs.Add((run, 1, $"r{run}", "train"));
        }

        void Use(int run, int version) => used.Add((used.Count + 1, run, version));
        void Log(int run, int version) => logged.Add((logged.Count + 1, run, version));
        Use(1, 1);
        Log(1, 2);
        for (var run = 2; run <= 20; run++)
        {
            Use(run, 2);
        }

        Use(30, 1);
        Use(30, 2);
        Log(31, 3);
        Log(31, 4);
        for (var run = 40; run <= 49; run++)
        {
            Use(run, 3);
        }

        Use(70, 3);
        for (var run = 50; run <= 80; run++)
        {
            Use(run, 4);
        }

        var index = new GraphIndex();
        index.Apply(delta);
        foreach (var (start, budget, edge) in new[]
        {
            (NodeRef.Version(1), 10, LineageEdge.Between(NodeRef.Version(2), NodeRef.Run(30))),
            (NodeRef.Run(31), 16, LineageEdge.Between(NodeRef.Version(4), NodeRef.Run(70))),
        })
        {
            var query = new LineageQuery(start, LineageDirection.Downstream, 5, null, null, budget);
            var walked = index.Walk(query, Access.Administrator, index.Describe(start)!.Type);
            Assert.True(walked.Truncated);
            Assert.Contains(edge, walked.Edges);
            await AssertWalksAsTheReferenceAsync(index, query, Access.Administrator);
        }
    }

    [Fact]
    public void a_hubs_neighbours_are_counted_for_each_caller_as_many_as_they_may_see()
    {
        // 600 runs in three namespaces use one version; the edges come in two loads, so that the
        // hub's list grows long enough to be counted by namespace between them, and after.
        var delta = new GraphDelta();
        for (var ns = 1; ns <= 3; ns++)
        {
            delta.Projects.Add((ns, ns, $"ns{ns}/p"));
        }

        delta.Artifacts.Add((1, 1, "data", "dataset"));
        delta.Versions.Add((1, 1, 0));
        var random = new Random(5);
        var namespaces = new Dictionary<int, int>();
        for (var run = 1; run <= 600; run++)
        {
            namespaces[run] = random.Next(1, 4);
            delta.Runs.Add((run, namespaces[run], $"r{run}", "train"));
        }

        var index = new GraphIndex();
        var edges = delta.Edges(EdgeKind.Used);
        foreach (var loaded in new[] { 200, 600 })
        {
            for (var run = edges.Count + 1; run <= loaded; run++)
            {
                edges.Add((run, run, 1));
            }

            index.Apply(delta);
            foreach (var seen in new[] { new long[] { 1 }, [1, 3], [2], [] })
            {
                var access = Access.Of(seen.ToDictionary(ns => ns, _ => Role.Viewer), new Dictionary<long, Role>());
                var expected = Enumerable.Range(1, loaded).Count(run => seen.Contains(namespaces[run]));
                Assert.Equal(expected, index.CountNeighbours(NodeRef.Version(1), WalkDirection.Downstream, access));
            }

            Assert.Equal(loaded, index.CountNeighbours(NodeRef.Version(1), WalkDirection.Downstream, Access.Administrator));
            Assert.Equal(1, index.CountNeighbours(NodeRef.Run(loaded), WalkDirection.Upstream, Access.Of(new Dictionary<long, Role> { [1] = Role.Viewer }, new Dictionary<long, Role>())));
        }
    }

    /// <summary>The index's own walk answers as the reference walker does over the same index.</summary>
    private static async Task AssertWalksAsTheReferenceAsync(GraphIndex index, LineageQuery query, Access access)
    {
        var startType = index.Describe(query.Start)!.Type;

        var reference = await LineageWalker.WalkAsync(new GraphIndexReader(index), query, startType, access, Ct);
        var walked = index.Walk(query, access, startType);

        Assert.Equal(reference.Nodes, walked.Nodes);
        Assert.Equal(reference.Edges, walked.Edges);
        Assert.Equal(reference.Truncated, walked.Truncated);

        // The answer the store serves: the same walk, named as it is read, in order or at random.
        var answer = index.Lineage(query, access);
        if (!access.CanSeeNamespace(index.Describe(query.Start)!.NamespaceId))
        {
            Assert.Null(answer);
            return;
        }

        Assert.NotNull(answer);
        var expected = reference.Nodes.Select(n => (n.Node, n.Hops, n.Type, index.Describe(n.Node)!.Path)).ToList();
        Assert.Equal(expected, answer.Nodes.Select(n => (n.Node, n.Hops, n.Type, n.Path)));
        Assert.Equal(expected, Enumerable.Range(0, answer.Nodes.Count).Reverse().Select(i => answer.Nodes[i]).Reverse().Select(n => (n.Node, n.Hops, n.Type, n.Path)));
        Assert.Equal(reference.Edges, answer.Edges);
        Assert.Equal(reference.Edges, Enumerable.Range(0, answer.Edges.Count).Select(i => answer.Edges[i]));
        Assert.Equal(reference.Truncated, answer.Truncated);
    }

    [Fact]
    public void a_walk_without_a_budget_returns_every_edge_it_crosses()
    {
        // v1 → r1 → v2 → r2 → v3, and r3 uses v1 and v2.
        var delta = new GraphDelta();
        delta.Projects.Add((1, 1, "ns1/p"));
        delta.Artifacts.Add((1, 1, "data", "dataset"));
        for (var v = 1; v <= 3; v++)
        {
            delta.Versions.Add((v, 1, v - 1));
        }

        for (var r = 1; r <= 3; r++)
        {
            delta.Runs.Add((r, 1, $"r{r}", "train"));
        }

        delta.Edges(EdgeKind.Used).AddRange([(1, 1, 1), (2, 2, 2), (3, 3, 1), (4, 3, 2)]);
        delta.Edges(EdgeKind.Logged).AddRange([(1, 1, 2), (2, 2, 3)]);
        var index = new GraphIndex();
        index.Apply(delta);

        var answer = index.Lineage(new LineageQuery(NodeRef.Version(1), LineageDirection.Downstream, int.MaxValue, null, null, int.MaxValue), Access.Administrator)!;
        Assert.Equal(6, answer.Nodes.Count);
        Assert.Equal(6, answer.Edges.Count);
        Assert.False(answer.Truncated);
        Assert.Equal(int.MaxValue, new LineageQuery(NodeRef.Version(1), LineageDirection.Downstream, 1, null, null, int.MaxValue).MaxEdges);
    }

    [Fact]
    public void an_answer_read_after_the_index_grew_names_its_nodes_as_they_were_when_walked()
    {
        var delta = new GraphDelta();
        delta.Projects.Add((1, 1, "ns1/p"));
        delta.Artifacts.Add((1, 1, "data", "dataset"));
        delta.Versions.Add((1, 1, 0));
        delta.Runs.Add((1, 1, "r1", "train"));
        delta.Edges(EdgeKind.Used).Add((1, 1, 1));
        var index = new GraphIndex();
        index.Apply(delta);
        var answer = index.Lineage(new LineageQuery(NodeRef.Version(1), LineageDirection.Downstream, 3, null, null, 100), Access.Administrator)!;

        // Thousands of new projects, artifacts, runs and versions and as many new types: every
        // column the answer reads grows into a new array before the answer is read.
        var more = new GraphDelta();
        for (var i = 2; i <= 5000; i++)
        {
            more.Projects.Add((i, 1, $"ns1/p{i}"));
            more.Artifacts.Add((i, i, $"a{i}", $"type{i}"));
            more.Versions.Add((i, i, 0));
            more.Runs.Add((i, i, $"r{i}", $"job{i}"));
            more.Edges(EdgeKind.Used).Add((i, i, 1));
        }

        index.Apply(more);
        Assert.Equal(
            [(NodeRef.Version(1), 0, "data:v0", "dataset", "ns1/p/data:v0"), (NodeRef.Run(1), 1, "r1", "train", "ns1/p/r1")],
            answer.Nodes.Select(n => (n.Node, n.Hops, n.Name, n.Type, n.Path)));
        Assert.Equal([LineageEdge.Between(NodeRef.Version(1), NodeRef.Run(1))], answer.Edges);
        Assert.Equal(5000, index.Lineage(new LineageQuery(NodeRef.Version(1), LineageDirection.Downstream, 3, null, null, 10_000), Access.Administrator)!.Nodes.Count - 1);
    }

    private static void AssertOrdered(GraphIndex index, List<NodeRef> nodes)
    {
        var places = index.Places(nodes);
        var steps = new List<Adjacency>();
        index.Neighbours(nodes, WalkDirection.Downstream, steps);
        Assert.Equal(nodes.Count, places.Values.Distinct().Count());
        Assert.All(steps, s => Assert.True(places[s.From] < places[s.To], $"{s.From} → {s.To} leads to a higher place"));
    }

    [Fact]
    public void a_graph_loaded_whole_or_grown_by_another_writer_is_held_in_a_topological_order()
    {
        var random = new Random(12);
        for (var round = 0; round < 200; round++)
        {
            var (index, nodes) = RandomGraph(random);
            AssertOrdered(index, nodes);

            // Another process on the same file made a run that logs content the oldest
            // version holds: an edge against the order the index had.
            var run = NodeRef.Run(nodes.Count(n => n.Kind == NodeKind.Run) + 1);
            var oldest = nodes.FirstOrDefault(n => n.Kind == NodeKind.Artifact);
            if (oldest == default)
            {
                continue;
            }

            var delta = new GraphDelta();
            delta.Runs.Add((run.Id, 1, "late", "train"));
            delta.Edges(EdgeKind.Logged).Add((1_000, run.Id, oldest.Id));
            index.Places([oldest, run]);
            index.Apply(delta);

            AssertOrdered(index, [.. nodes, run]);
        }
    }

    [Fact]
    public void rows_already_held_are_not_added_twice()
    {
        var delta = new GraphDelta();
        delta.Projects.Add((1, 1, "acme/zoo"));
        delta.Artifacts.Add((1, 1, "data", "dataset"));
        delta.Runs.Add((1, 1, "r", "train"));
        delta.Versions.Add((1, 1, 0));
        delta.Edges(EdgeKind.Logged).Add((1, 1, 1));
        var index = new GraphIndex();

        index.Apply(delta);
        index.Apply(delta);

        Assert.Equal(1, index.EdgeCount);
        Assert.Equal(new NodeDescription("data:v0", "acme/zoo/data:v0", "dataset", 1), index.Describe(NodeRef.Version(1)));
        Assert.Equal(new NodeDescription("r", "acme/zoo/r", "train", 1), index.Describe(NodeRef.Run(1)));
        Assert.Null(index.Describe(NodeRef.Run(2)));
        Assert.Equal(new GraphWatermark(1, 1, 1, 1, [0, 1]), index.Watermark);
    }

    [Fact]
    public void each_edge_kind_is_followed_the_way_its_data_flows()
    {
        foreach (var kind in EdgeKinds.All)
        {
            var delta = new GraphDelta();
            delta.Projects.Add((1, 1, "acme/zoo"));
            delta.Artifacts.Add((1, 1, "data", "dataset"));
            delta.Runs.Add((1, 1, "r", "train"));
            delta.Versions.Add((1, 1, 0));
            delta.Edges(kind.Kind).Add((1, 1, 1));
            var index = new GraphIndex();
            index.Apply(delta);

            var (from, to) = kind.From == NodeKind.Run ? (NodeRef.Run(1), NodeRef.Version(1)) : (NodeRef.Version(1), NodeRef.Run(1));
            var downstream = new List<Adjacency>();
            index.Neighbours([from], WalkDirection.Downstream, downstream);
            var upstream = new List<Adjacency>();
            index.Neighbours([to], WalkDirection.Upstream, upstream);
            var backwards = new List<Adjacency>();
            index.Neighbours([from], WalkDirection.Upstream, backwards);

            Assert.Equal(to, Assert.Single(downstream).To);
            Assert.Equal(from, Assert.Single(upstream).To);
            Assert.Empty(backwards);
            Assert.Equal(1, index.Watermark.Edge(kind.Kind));
            Assert.Equal(new LineageEdge(from, to, kind.Kind), LineageEdge.Of(kind.Kind, 1, 1));
        }
    }

    [Fact]
    public void pages_of_a_nodes_edges_list_what_the_caller_may_see_in_store_order_and_resume_after_their_cursor()
    {
        var random = new Random(13);
        var viewer = Access.Of(new Dictionary<long, Role> { [1] = Role.Viewer, [3] = Role.Viewer }, new Dictionary<long, Role>());
        var pages = 0;
        for (var round = 0; round < 200; round++)
        {
            var (delta, nodes) = RandomDelta(random);
            var index = new GraphIndex();
            index.Apply(delta);
            long NamespaceOf(NodeRef node) => node.Kind == NodeKind.Run
                ? delta.Projects.Single(p => p.Id == delta.Runs.Single(r => r.Id == node.Id).ProjectId).NamespaceId
                : delta.Projects.Single(p => p.Id == delta.Artifacts.Single(a => a.Id == delta.Versions.Single(v => v.Id == node.Id).ArtifactId).ProjectId).NamespaceId;

            foreach (var node in nodes)
            {
                foreach (var kind in EdgeKinds.All)
                {
                    foreach (var direction in new[] { WalkDirection.Downstream, WalkDirection.Upstream })
                    {
                        var access = random.Next(2) == 0 ? Access.Administrator : viewer;
                        var expected = delta.Edges(kind.Kind)
                            .Select(e => (e.Seq, Run: NodeRef.Run(e.RunId), Version: NodeRef.Version(e.VersionId)))
                            .Select(e => (e.Seq, From: kind.From == NodeKind.Run ? e.Run : e.Version, To: kind.From == NodeKind.Run ? e.Version : e.Run))
                            .Where(e => (direction == WalkDirection.Downstream ? e.From : e.To) == node)
                            .Select(e => (e.Seq, Next: direction == WalkDirection.Downstream ? e.To : e.From))
                            .Where(e => access.IsAdministrator || access.CanSeeNamespace(NamespaceOf(e.Next)))
                            .OrderBy(e => e.Seq)
                            .Select(e => new PageItem<long>(e.Next.Id, e.Seq))
                            .ToList();

                        var first = random.Next(1, 5);
                        var listed = new List<PageItem<long>>();
                        var after = 0L;
                        while (true)
                        {
                            var page = index.NeighbourPage(node, kind.Kind, direction, new PageRequest(first, after), access);
                            Assert.NotNull(page);
                            Assert.True(page.Items.Count <= first);
                            listed.AddRange(page.Items);
                            pages++;
                            if (!page.HasNextPage)
                            {
                                break;
                            }

                            Assert.Equal(first, page.Items.Count);
                            after = page.Items[^1].Key;
                        }

                        Assert.Equal(expected, listed);
                    }
                }
            }
        }

        Assert.True(pages > 1_000, $"only {pages} pages were read");
    }

    [Fact]
    public void edges_that_arrive_out_of_store_order_are_left_for_the_store_to_page()
    {
        var delta = new GraphDelta();
        delta.Projects.Add((1, 1, "acme/zoo"));
        delta.Artifacts.Add((1, 1, "data", "dataset"));
        delta.Runs.Add((1, 1, "a", "train"));
        delta.Runs.Add((2, 1, "b", "train"));
        delta.Runs.Add((3, 1, "c", "train"));
        delta.Versions.Add((1, 1, 0));
        delta.Edges(EdgeKind.Logged).Add((1, 1, 1));
        var index = new GraphIndex();
        index.Apply(delta);
        var request = new PageRequest(10);
        Assert.Equal([new PageItem<long>(1, 1)], index.NeighbourPage(NodeRef.Version(1), EdgeKind.Logged, WalkDirection.Upstream, request, Access.Administrator)!.Items);

        // Rows read in another order than the store's: the later edge first.
        var unordered = new GraphDelta();
        unordered.Edges(EdgeKind.Used).Add((7, 3, 1));
        unordered.Edges(EdgeKind.Used).Add((6, 2, 1));
        index.Apply(unordered);

        Assert.Null(index.NeighbourPage(NodeRef.Version(1), EdgeKind.Used, WalkDirection.Downstream, request, Access.Administrator));
        Assert.NotNull(index.NeighbourPage(NodeRef.Version(1), EdgeKind.Logged, WalkDirection.Upstream, request, Access.Administrator));
    }
}
