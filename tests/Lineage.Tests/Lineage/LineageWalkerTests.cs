using Lineage.Identity;
using Lineage.Lineage;

namespace Lineage.Tests.Lineage;

public sealed class LineageWalkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (InMemoryGraph Graph, List<NodeRef> Nodes) RandomDag(Random random)
    {
        var graph = new InMemoryGraph();
        var nodes = Enumerable.Range(0, random.Next(2, 40)).Select(i => i % 2 == 0 ? NodeRef.Version(i) : NodeRef.Run(i)).ToList();
        for (var e = 0; e < nodes.Count * 2; e++)
        {
            var a = random.Next(nodes.Count);
            var b = random.Next(nodes.Count);
            if (a < b && nodes[a].Kind != nodes[b].Kind)
            {
                graph.Edge(nodes[a], nodes[b]);
            }
        }

        return (graph, nodes);
    }

    [Fact]
    public async Task hops_are_shortest_distances_and_truncated_is_exact_on_random_graphs()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var (graph, nodes) = RandomDag(random);
            var start = nodes[random.Next(nodes.Count)];
            var depth = random.Next(0, 6);
            var distances = graph.Distances(start);

            var walk = await LineageWalker.WalkAsync(graph, new LineageQuery(start, LineageDirection.Downstream, depth, null, null, 10_000), null, Access.Administrator, Ct);

            var expected = distances.Where(d => d.Value <= depth).ToDictionary();
            Assert.Equal(expected, walk.Nodes.ToDictionary(n => n.Node, n => n.Hops));
            Assert.Equal(distances.Values.Any(d => d > depth), walk.Truncated);
            Assert.All(walk.Edges, e => Assert.True(expected.ContainsKey(e.From) && expected.ContainsKey(e.To)));
        }
    }

    [Fact]
    public async Task a_start_the_caller_may_not_see_is_answered_as_one_that_does_not_exist()
    {
        var graph = new InMemoryGraph();
        graph.Edge(NodeRef.Run(1), NodeRef.Version(2));
        var query = new LineageQuery(NodeRef.Run(1), LineageDirection.Downstream, 3, null, null, 100);
        var start = new NodeDescription("train", "acme/zoo/train", "train", 7);
        var viewer = Access.Of(new Dictionary<long, Role> { [7] = Role.Viewer }, new Dictionary<long, Role>());

        Assert.Null(await LineageWalker.WalkFromAsync(graph, query, null, Access.Administrator, Ct));
        Assert.Null(await LineageWalker.WalkFromAsync(graph, query, start, Access.None, Ct));
        Assert.Null(await LineageWalker.WalkFromAsync(graph, query, start with { NamespaceId = 8 }, viewer, Ct));
        var seen = await LineageWalker.WalkFromAsync(graph, query, start, viewer, Ct);
        Assert.Equal([NodeRef.Run(1)], seen!.Nodes.Select(n => n.Node));
        Assert.Equal([NodeRef.Run(1), NodeRef.Version(2)], (await LineageWalker.WalkFromAsync(graph, query, start, Access.Administrator, Ct))!.Nodes.Select(n => n.Node));
    }

    [Fact]
    public async Task a_dense_graph_gives_at_most_two_edges_per_node_of_the_budget_and_says_so()
    {
        // One maker, ten datasets, ten users that each used every dataset: 110 edges among 21 nodes.
        var graph = new InMemoryGraph();
        var maker = NodeRef.Run(1);
        var datasets = Enumerable.Range(0, 10).Select(i => NodeRef.Version(100 + i)).ToList();
        var users = Enumerable.Range(0, 10).Select(i => NodeRef.Run(200 + i)).ToList();
        foreach (var dataset in datasets)
        {
            graph.Edge(maker, dataset);
            foreach (var user in users)
            {
                graph.Edge(dataset, user);
            }
        }

        var whole = await LineageWalker.WalkAsync(graph, new LineageQuery(maker, LineageDirection.Downstream, 2, null, null, 100), null, Access.Administrator, Ct);
        Assert.Equal(110, whole.Edges.Count);
        Assert.False(whole.Truncated);

        var cut = await LineageWalker.WalkAsync(graph, new LineageQuery(maker, LineageDirection.Downstream, 2, null, null, 21), null, Access.Administrator, Ct);
        Assert.Equal(21, cut.Nodes.Count);
        Assert.Equal(42, cut.Edges.Count);
        Assert.True(cut.Truncated);
        Assert.All(cut.Edges, e => Assert.Contains(e.To, cut.Nodes.Select(n => n.Node)));
    }

    [Fact]
    public async Task the_budget_keeps_the_nearest_nodes_and_never_exceeds_the_limit()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var (graph, nodes) = RandomDag(random);
            var start = nodes[random.Next(nodes.Count)];
            var distances = graph.Distances(start);
            var budget = random.Next(1, 8);

            var walk = await LineageWalker.WalkAsync(graph, new LineageQuery(start, LineageDirection.Downstream, 100, null, null, budget), null, Access.Administrator, Ct);

            Assert.Equal(Math.Min(budget, distances.Count), walk.Nodes.Count);
            Assert.Equal(distances.Count > budget, walk.Truncated);
            var farthestKept = walk.Nodes.Max(n => n.Hops);
            Assert.All(distances.Where(d => d.Value < farthestKept), d => Assert.Contains(walk.Nodes, n => n.Node == d.Key));
        }
    }
}
