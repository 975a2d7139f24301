using Lineage.Identity;

namespace Lineage.Lineage;

public sealed partial class GraphIndex
{
    // Walks are synchronous: each thread keeps its own marks and scratch lists, whatever the index.
    [ThreadStatic]
    private static Marks? _threadMarks;

    /// <summary>
    /// The lineage walk of <see cref="LineageWalker"/>, with the same answer to the same
    /// question (nodes, their order, hops, edges, truncation), run over the arrays directly:
    /// one read lock for the whole walk, visited marks in pooled arrays, and each level's
    /// steps sorted as one array of 64-bit keys.
    /// </summary>
    public Traversal Walk(LineageQuery query, Access access, string? startType)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        _lock.EnterReadLock();
        try
        {
            return WalkHeld(query, access, startType);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// A lineage answer under one read lock: null when the start is not held or lies in a
    /// namespace the caller cannot see; otherwise the walk with its nodes named.
    /// </summary>
    public LineageGraph? Lineage(LineageQuery query, Access access)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        _lock.EnterReadLock();
        try
        {
            if (!Holds(query.Start))
            {
                return null;
            }

            var (type, ns) = ScopeHeld(query.Start);
            if (!access.CanSeeNamespace(ns))
            {
                return null;
            }

            var walk = WalkHeld(query, access, type);
            return new LineageGraph(NameHeld(walk.Nodes), walk.Edges, walk.Truncated);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private static readonly WalkDirection[] UpstreamOnly = [WalkDirection.Upstream];
    private static readonly WalkDirection[] DownstreamOnly = [WalkDirection.Downstream];
    private static readonly WalkDirection[] BothWays = [WalkDirection.Upstream, WalkDirection.Downstream];

    private Traversal WalkHeld(LineageQuery query, Access access, string? startType)
    {
        var marks = _threadMarks ??= new Marks();
        try
        {
            marks.Begin(Watermark.Run, Watermark.Version);
            var nodes = new SegmentedList<TraversedNode> { new(query.Start, 0, startType) };
            var edges = new SegmentedList<LineageEdge>();
            var truncated = false;
            marks.Visit(Key(query.Start));
            var (steps, frontier, next) = (marks.Steps, marks.Frontier, marks.Next);

            foreach (var direction in query.Direction switch
            {
                LineageDirection.Upstream => UpstreamOnly,
                LineageDirection.Downstream => DownstreamOnly,
                _ => BothWays,
            })
            {
                frontier.Clear();
                frontier.Add(Key(query.Start));
                for (var hop = 1; frontier.Count > 0; hop++)
                {
                    steps.Clear();
                    foreach (var from in frontier)
                    {
                        Steps(from, direction, query, access, steps);
                    }

                    steps.Sort();
                    var closing = hop > query.Depth || nodes.Count >= query.MaxNodes;
                    next.Clear();
                    foreach (var step in steps)
                    {
                        var (from, to) = ((uint)(step >> 32), (uint)step);
                        if (!marks.Visited(to))
                        {
                            if (closing || nodes.Count >= query.MaxNodes)
                            {
                                truncated = true;
                                continue;
                            }

                            marks.Visit(to);
                            nodes.Add(new TraversedNode(Node(to), hop, TypeOf(to)));
                            next.Add(to);
                        }

                        if (edges.Count >= query.MaxEdges)
                        {
                            truncated = true;
                            continue;
                        }

                        edges.Add(direction == WalkDirection.Downstream
                            ? LineageEdge.Between(Node(from), Node(to))
                            : LineageEdge.Between(Node(to), Node(from)));
                    }

                    if (closing)
                    {
                        break;
                    }

                    (frontier, next) = (next, frontier);
                    if (frontier.Count == 0 && nodes.Count >= query.MaxNodes)
                    {
                        break;
                    }
                }
            }

            return new Traversal(nodes, edges, truncated);
        }
        finally
        {
            marks.Trim();
        }
    }

    // A node as 32 bits, ordered as NodeRef orders: runs (kind 0) before versions, then by id.
    private static uint Key(NodeRef node) => ((uint)node.Kind << 31) | checked((uint)node.Id);

    private static NodeRef Node(uint key) => (key >> 31) == 0 ? NodeRef.Run(key & 0x7FFF_FFFF) : NodeRef.Version(key & 0x7FFF_FFFF);

    private string? TypeOf(uint key) => (key >> 31) == 0 ? RunJobType((int)(key & 0x7FFF_FFFF)) : VersionType((int)(key & 0x7FFF_FFFF));

    /// <summary>The admitted steps out of one node, each as (from &lt;&lt; 32 | to).</summary>
    private void Steps(uint from, WalkDirection direction, LineageQuery query, Access access, List<ulong> into)
    {
        var id = (int)(from & 0x7FFF_FFFF);
        var isRun = (from >> 31) == 0;
        var filter = isRun ? query.ArtifactTypes : query.JobTypes;
        foreach (var lists in EdgesOf(isRun ? NodeKind.Run : NodeKind.Artifact, direction))
        {
            for (var e = lists.First(id); e != 0; e = lists.Next(e))
            {
                var target = lists.Target(e);
                var (ns, type) = isRun ? (VersionNamespace(target), VersionType(target)) : (RunNamespace(target), RunJobType(target));
                if (!access.CanSeeNamespace(ns) || (filter is not null && (type is null || !filter.Contains(type))))
                {
                    continue;
                }

                var to = isRun ? (1u << 31) | (uint)target : (uint)target;
                into.Add(((ulong)from << 32) | to);
            }
        }
    }

    /// <summary>Visited marks for one walk at a time: a stamp per node, so nothing is cleared between walks.</summary>
    private sealed class Marks
    {
        private int[] _runs = [];

        /// <summary>Scratch lists of one walk, kept with the marks so that big walks do not allocate them anew.</summary>
        public List<ulong> Steps { get; } = [];

        public List<uint> Frontier { get; set; } = [];

        public List<uint> Next { get; set; } = [];

        private int[] _versions = [];
        private int _stamp;

        public void Begin(long runs, long versions)
        {
            if (_runs.Length <= runs)
            {
                _runs = new int[(int)runs + 1024];
            }

            if (_versions.Length <= versions)
            {
                _versions = new int[(int)versions + 1024];
            }

            if (++_stamp == int.MaxValue)
            {
                Array.Clear(_runs);
                Array.Clear(_versions);
                _stamp = 1;
            }
        }

        /// <summary>Lets go of scratch space a very large walk grew, so that threads do not each keep it.</summary>
        public void Trim()
        {
            if (Steps.Capacity > 1 << 16 || Frontier.Capacity > 1 << 16 || Next.Capacity > 1 << 16)
            {
                Steps.Clear();
                Steps.Capacity = 1024;
                Frontier = [];
                Next = [];
            }
        }

        public bool Visited(uint key) =>
            (key >> 31) == 0 ? _runs[key & 0x7FFF_FFFF] == _stamp : _versions[key & 0x7FFF_FFFF] == _stamp;

        public void Visit(uint key)
        {
            if ((key >> 31) == 0)
            {
                _runs[key & 0x7FFF_FFFF] = _stamp;
            }
            else
            {
                _versions[key & 0x7FFF_FFFF] = _stamp;
            }
        }
    }
}
