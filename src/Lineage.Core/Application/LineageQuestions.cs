using System.Text.Json;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Store;

namespace Lineage.Application;

/// <summary>
/// Questions answered from lineage walks: what a bad input reached in the registries
/// (<see cref="ImpactAsync"/>), and how two results were made differently
/// (<see cref="CompareAsync"/>). Each walk is the store's, so hidden nodes are neither returned
/// nor walked through, and registries the caller may not see are left out.
/// </summary>
public sealed class LineageQuestions(ILineageStore store)
{
    /// <summary>How many registry links of one version an impact lists; more are reported as truncated.</summary>
    public const int MaxLinksPerVersion = 1000;

    public async Task<Impact> ImpactAsync(NodeRef start, int depth, int maxNodes, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var graph = await store.GetLineageAsync(new LineageQuery(start, LineageDirection.Downstream, depth, null, null, maxNodes), access, cancellationToken).ConfigureAwait(false);
        var versions = graph.Nodes.Where(n => n.Node.Kind == NodeKind.Artifact).ToDictionary(n => n.Node.Id);
        var pages = await store.GetPagesAsync(Relation.VersionLinks, versions.Keys, new PageRequest(MaxLinksPerVersion), access, cancellationToken).ConfigureAwait(false);
        var links = pages
            .SelectMany(p => p.Value.Items.Select(i => new ImpactedLink(i.Value, versions[p.Key])))
            .OrderBy(l => l.Source.Hops).ThenBy(l => l.LinkId)
            .ToList();

        // What lies between: the nodes from which a linked version is reached along the walk's edges.
        var between = Reaching(graph, links.Select(l => l.Source.Node));
        var onPaths = graph.Nodes.Where(n => between.Contains(n.Node) && n.Node != start).OrderBy(n => n.Hops).ThenBy(n => n.Node).ToList();
        return new Impact(
            graph.Nodes.First(n => n.Node == start),
            links,
            [.. onPaths.Where(n => n.Node.Kind == NodeKind.Run)],
            [.. onPaths.Where(n => n.Node.Kind == NodeKind.Artifact)],
            graph.Truncated || pages.Values.Any(p => p.HasNextPage));
    }

    /// <summary>Compares the upstreams of <paramref name="a"/> and <paramref name="b"/>: two runs or two versions.</summary>
    public async Task<LineageComparison> CompareAsync(NodeRef a, NodeRef b, int depth, int maxNodes, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (a.Kind != b.Kind)
        {
            throw new InvalidArgumentException(
                $"b is a {Kind(b)} but a is a {Kind(a)}: compareLineage compares two versions or two runs")
            {
                Argument = "b",
            };
        }

        var left = await store.GetLineageAsync(new LineageQuery(a, LineageDirection.Upstream, depth, null, null, maxNodes), access, cancellationToken).ConfigureAwait(false);
        var right = await store.GetLineageAsync(new LineageQuery(b, LineageDirection.Upstream, depth, null, null, maxNodes), access, cancellationToken).ConfigureAwait(false);
        var inA = left.Nodes.Where(n => n.Node != a).ToDictionary(n => n.Node);
        var inB = right.Nodes.Where(n => n.Node != b).ToDictionary(n => n.Node);

        var compared = new List<ComparedNode>();
        compared.AddRange(inA.Values.Where(n => inB.ContainsKey(n.Node)).Select(n => new ComparedNode(ComparisonStatus.Both, n, inB[n.Node])));
        var onlyA = inA.Values.Where(n => !inB.ContainsKey(n.Node)).ToList();
        var onlyB = inB.Values.Where(n => !inA.ContainsKey(n.Node)).ToList();

        // Versions of one artifact on each side pair up, nearest first; what is left is one-sided.
        var bByArtifact = onlyB.Where(n => n.Node.Kind == NodeKind.Artifact).GroupBy(ArtifactOf).ToDictionary(g => g.Key, g => new Queue<LineageNode>(g.OrderBy(n => n.Hops).ThenBy(n => n.Node)));
        var paired = new HashSet<NodeRef>();
        foreach (var node in onlyA.Where(n => n.Node.Kind == NodeKind.Artifact).OrderBy(n => n.Hops).ThenBy(n => n.Node))
        {
            if (bByArtifact.TryGetValue(ArtifactOf(node), out var candidates) && candidates.TryDequeue(out var other))
            {
                compared.Add(new ComparedNode(ComparisonStatus.ChangedVersion, node, other));
                paired.Add(node.Node);
                paired.Add(other.Node);
            }
        }

        compared.AddRange(onlyA.Where(n => !paired.Contains(n.Node)).Select(n => new ComparedNode(ComparisonStatus.OnlyInA, n, null)));
        compared.AddRange(onlyB.Where(n => !paired.Contains(n.Node)).Select(n => new ComparedNode(ComparisonStatus.OnlyInB, null, n)));
        var ordered = compared
            .OrderBy(c => c.Status)
            .ThenBy(c => Math.Min(c.A?.Hops ?? int.MaxValue, c.B?.Hops ?? int.MaxValue))
            .ThenBy(c => (c.A ?? c.B)!.Value.Path, StringComparer.Ordinal)
            .ToList();

        var configs = await MakersConfigAsync(a, b, access, cancellationToken).ConfigureAwait(false);
        return new LineageComparison(
            left.Nodes.First(n => n.Node == a),
            right.Nodes.First(n => n.Node == b),
            ordered,
            ConfigDiff(configs.A, configs.B),
            left.Truncated || right.Truncated);
    }

    /// <summary>The configs of the runs compared, or of the runs that first logged the versions compared; null where hidden or absent.</summary>
    private async Task<(string? A, string? B)> MakersConfigAsync(NodeRef a, NodeRef b, Access access, CancellationToken cancellationToken)
    {
        long[] runs;
        if (a.Kind == NodeKind.Run)
        {
            runs = [a.Id, b.Id];
        }
        else
        {
            // a and b may be one version (itself, or a linked version and its source).
            var versions = (await store.GetVersionsAsync([.. new[] { a.Id, b.Id }.Distinct()], cancellationToken).ConfigureAwait(false))
                .DistinctBy(v => v.Id)
                .ToDictionary(v => v.Id);
            runs = [versions[a.Id].LoggedByRunId, versions[b.Id].LoggedByRunId];
        }

        var found = (await store.GetRunsAsync(runs.Distinct().ToList(), cancellationToken).ConfigureAwait(false))
            .DistinctBy(r => r.Id)
            .Where(r => access.CanSeeNamespace(r.NamespaceId))
            .ToDictionary(r => r.Id);
        return (found.GetValueOrDefault(runs[0])?.ConfigJson, found.GetValueOrDefault(runs[1])?.ConfigJson);
    }

    /// <summary>The keys whose values differ between two configs, flattened to dotted paths, in key order.</summary>
    public static IReadOnlyList<ConfigChange> ConfigDiff(string? a, string? b)
    {
        var left = Flatten(a);
        var right = Flatten(b);
        return [.. left.Keys.Union(right.Keys)
            .Order(StringComparer.Ordinal)
            .Select(k => new ConfigChange(k, left.GetValueOrDefault(k), right.GetValueOrDefault(k)))
            .Where(c => c.A != c.B)];
    }

    private static Dictionary<string, string> Flatten(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json is null)
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, "");
        return values;

        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind == JsonValueKind.Object && (prefix.Length == 0 || element.EnumerateObject().Any()))
            {
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}");
                }
            }
            else
            {
                values[prefix] = element.GetRawText();
            }
        }
    }

    private static string ArtifactOf(LineageNode version) => $"{version.ProjectPath}/{version.Name[..version.Name.LastIndexOf(':')]}";

    private static string Kind(NodeRef node) => node.Kind == NodeKind.Run ? "run" : "version";

    private static HashSet<NodeRef> Reaching(LineageGraph graph, IEnumerable<NodeRef> targets)
    {
        var into = graph.Edges.ToLookup(e => e.To, e => e.From);
        var reached = new HashSet<NodeRef>(targets);
        var frontier = new Queue<NodeRef>(reached);
        while (frontier.TryDequeue(out var node))
        {
            foreach (var from in into[node])
            {
                if (reached.Add(from))
                {
                    frontier.Enqueue(from);
                }
            }
        }

        return reached;
    }
}
