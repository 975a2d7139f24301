using Lineage.Lineage;

namespace Lineage.Tests.Lineage;

public sealed class CycleGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_cycle_check_agrees_with_plain_reachability_on_random_graphs()
    {
        var random = new Random(20261125);
        for (var round = 0; round < 200; round++)
        {
            // A random bipartite DAG: edges only go from lower to higher layer numbers.
            var graph = new InMemoryGraph();
            var nodes = Enumerable.Range(0, random.Next(2, 30))
                .Select(i => i % 2 == 0 ? NodeRef.Version(i) : NodeRef.Run(i)).ToList();
            for (var e = 0; e < nodes.Count * 2; e++)
            {
                var a = random.Next(nodes.Count);
                var b = random.Next(nodes.Count);
                if (a < b && nodes[a].Kind != nodes[b].Kind)
                {
                    graph.Edge(nodes[a], nodes[b]);
                }
            }

            var from = nodes[random.Next(nodes.Count)];
            var to = nodes[random.Next(nodes.Count)];
            if (from.Kind == to.Kind)
            {
                continue;
            }

            var cycle = await CycleGuard.FindCycleAsync(graph, from, to, Ct);
            Assert.Equal(graph.Reaches(to, from), cycle is not null);
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

    [Fact]
    public async Task a_new_run_using_a_hub_version_reads_almost_nothing()
    {
        var graph = new InMemoryGraph();
        var hub = NodeRef.Version(0);
        graph.Edge(NodeRef.Run(1), hub);
        for (var i = 0; i < 10_000; i++)
        {
            graph.Edge(hub, NodeRef.Run(100 + i));
        }

        var newRun = NodeRef.Run(50_000);
        Assert.Null(await CycleGuard.FindCycleAsync(graph, hub, newRun, Ct));
        Assert.True(graph.StepsRead <= 2, $"read {graph.StepsRead} steps");
    }

    [Fact]
    public async Task a_run_relogging_hub_content_reads_its_own_small_upstream()
    {
        // The run used a small input and now logs content already held by a hub version.
        var graph = new InMemoryGraph();
        var hub = NodeRef.Version(0);
        for (var i = 0; i < 10_000; i++)
        {
            graph.Edge(hub, NodeRef.Run(100 + i));
        }

        var input = NodeRef.Version(1);
        var run = NodeRef.Run(50_000);
        graph.Edge(NodeRef.Run(2), input);
        graph.Edge(input, run);

        Assert.Null(await CycleGuard.FindCycleAsync(graph, run, hub, Ct));
        Assert.True(graph.StepsRead <= 4, $"read {graph.StepsRead} steps");
    }

    [Fact]
    public async Task a_new_run_below_a_deep_chain_does_not_walk_the_chain()
    {
        var graph = new InMemoryGraph();
        for (var i = 0; i < 200; i++)
        {
            graph.Edge(i % 2 == 0 ? NodeRef.Version(i) : NodeRef.Run(i), i % 2 == 0 ? NodeRef.Run(i + 1) : NodeRef.Version(i + 1));
        }

        var leaf = NodeRef.Version(200);
        Assert.Null(await CycleGuard.FindCycleAsync(graph, leaf, NodeRef.Run(10_000), Ct));
        Assert.True(graph.StepsRead <= 2, $"read {graph.StepsRead} steps");
    }
}
