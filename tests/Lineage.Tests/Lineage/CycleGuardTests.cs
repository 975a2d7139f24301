using Lineage.Lineage;

namespace Lineage.Tests.Lineage;

public sealed class CycleGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Adds the edge as a store does: only when the check finds no cycle.</summary>
    private static async Task<IReadOnlyList<NodeRef>?> AddAsync(InMemoryGraph graph, NodeRef from, NodeRef to)
    {
        var cycle = await CycleGuard.FindCycleAsync(graph, from, to, Ct);
        if (cycle is null)
        {
            graph.Edge(from, to);
        }

        return cycle;
    }

    private static NodeRef Node(int i) => i % 2 == 0 ? NodeRef.Version(i) : NodeRef.Run(i);

    [Fact]
    public async Task the_cycle_check_agrees_with_plain_reachability_and_keeps_the_order_on_random_graphs()
    {
        var random = new Random(20261202);
        for (var round = 0; round < 300; round++)
        {
            var graph = new InMemoryGraph();
            var nodes = Enumerable.Range(0, random.Next(2, 30)).Select(Node).ToList();

            // Half the rounds start from a graph loaded whole and sorted, as a store at start.
            if (round % 2 == 0)
            {
                for (var e = 0; e < nodes.Count; e++)
                {
                    var (a, b) = (random.Next(nodes.Count), random.Next(nodes.Count));
                    if (a < b && nodes[a].Kind != nodes[b].Kind)
                    {
                        graph.Edge(nodes[a], nodes[b]);
                    }
                }

                graph.Sort();
            }

            // Then edges in any direction, as writes bring them.
            for (var e = 0; e < nodes.Count * 3; e++)
            {
                var (from, to) = (nodes[random.Next(nodes.Count)], nodes[random.Next(nodes.Count)]);
                if (from.Kind == to.Kind)
                {
                    continue;
                }

                var closes = graph.Reaches(to, from);
                var cycle = await AddAsync(graph, from, to);

                Assert.Equal(closes, cycle is not null);
                Assert.True(graph.IsOrdered(), $"round {round}: every edge leads to a higher place after adding {from} → {to}");
                if (cycle is not null)
                {
                    Assert.Equal(from, cycle[0]);
                    Assert.Equal(from, cycle[^1]);
                    Assert.Equal(to, cycle[1]);
                    for (var i = 1; i < cycle.Count - 1; i++)
                    {
                        Assert.True(graph.Reaches(cycle[i], cycle[i + 1]), "each step of the reported cycle is an edge");
                    }
                }
            }
        }
    }

    [Fact]
    public async Task a_new_run_using_a_hub_version_is_decided_without_reading_an_edge()
    {
        var graph = new InMemoryGraph();
        var hub = NodeRef.Version(0);
        graph.Edge(NodeRef.Run(1), hub);
        for (var i = 0; i < 10_000; i++)
        {
            graph.Edge(hub, NodeRef.Run(100 + i));
        }

        graph.Sort();

        Assert.Null(await AddAsync(graph, hub, NodeRef.Run(50_000)));
        Assert.Equal(0, graph.StepsRead);
        Assert.Empty(graph.Expanded);
        Assert.Equal(0, graph.Moved);
    }

    [Fact]
    public async Task a_run_logging_new_content_below_a_deep_chain_is_decided_without_reading_an_edge()
    {
        var graph = new InMemoryGraph();
        for (var i = 0; i < 200; i++)
        {
            graph.Edge(Node(i), Node(i + 1));
        }

        graph.Sort();
        var run = NodeRef.Run(10_001);
        Assert.Null(await AddAsync(graph, NodeRef.Version(200), run));
        Assert.Null(await AddAsync(graph, run, NodeRef.Version(10_002)));

        Assert.Equal(0, graph.StepsRead);
        Assert.Empty(graph.Expanded);
    }

    [Fact]
    public async Task an_edge_against_the_order_searches_only_what_is_placed_between_its_ends()
    {
        // Made in time order, as writes come: an old chain, then `data` logged by `prep`, then
        // `train` using the end of the old chain, then `eval` using `data`. When `train` logs
        // content `data` already holds, the check reads no further than the places between
        // `data` and `train`: not the old chain above `train`, not `eval` below `data`.
        var graph = new InMemoryGraph();
        for (var i = 1; i < 100; i++)
        {
            Assert.Null(await AddAsync(graph, Node(i), Node(i + 1)));
        }

        var (prep, data, train, eval) = (NodeRef.Run(499), NodeRef.Version(500), NodeRef.Run(601), NodeRef.Run(701));
        Assert.Null(await AddAsync(graph, prep, data));
        Assert.Null(await AddAsync(graph, NodeRef.Version(100), train));
        Assert.Null(await AddAsync(graph, data, eval));
        Assert.Equal(0, graph.StepsRead);

        Assert.Null(await AddAsync(graph, train, data));

        Assert.Equal(new HashSet<NodeRef> { data, train }, graph.Expanded);
        Assert.True(graph.IsOrdered());
        Assert.Equal(2, graph.Moved);
        Assert.True(graph.Place[train] < graph.Place[data]);
    }

    [Fact]
    public async Task a_cycle_is_reported_and_nothing_is_moved()
    {
        var graph = new InMemoryGraph();
        Assert.Null(await AddAsync(graph, NodeRef.Run(1), NodeRef.Version(2)));
        Assert.Null(await AddAsync(graph, NodeRef.Version(2), NodeRef.Run(3)));
        Assert.Null(await AddAsync(graph, NodeRef.Run(3), NodeRef.Version(4)));
        var before = graph.Place.ToDictionary();

        var cycle = await AddAsync(graph, NodeRef.Version(4), NodeRef.Run(1));

        Assert.Equal([NodeRef.Version(4), NodeRef.Run(1), NodeRef.Version(2), NodeRef.Run(3), NodeRef.Version(4)], cycle);
        Assert.Equal(0, graph.Moved);
        Assert.Equal(before, graph.Place);
    }

    [Fact]
    public void a_whole_graph_is_placed_in_a_topological_order_and_a_stored_cycle_is_named()
    {
        var random = new Random(7);
        var graph = new InMemoryGraph();
        for (var e = 0; e < 300; e++)
        {
            var (a, b) = (random.Next(100), random.Next(100));
            if (a < b && Node(a).Kind != Node(b).Kind)
            {
                graph.Edge(Node(a), Node(b));
            }
        }

        graph.Sort();
        Assert.True(graph.IsOrdered());

        var error = Assert.Throws<InvalidOperationException>(() => TopologicalSort.Places(
            [NodeRef.Run(1)], [(NodeRef.Run(1), NodeRef.Version(2)), (NodeRef.Version(2), NodeRef.Run(1))]));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }
}
