using System.Runtime.InteropServices;
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

                    var closing = hop > query.Depth || nodes.Count >= query.MaxNodes;
                    var taken = CollectionsMarshal.AsSpan(steps);
                    taken = taken[..Keep(taken, marks, closing ? 0 : query.MaxNodes - nodes.Count, ref truncated)];
                    taken.Sort();
                    next.Clear();
                    foreach (var step in taken)
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

    /// <summary>
    /// Moves to the front of <paramref name="steps"/> those a level takes, and returns how many:
    /// every step to a node visited before the level, and of the steps to new nodes, those to
    /// the first <paramref name="room"/> new nodes in the order the level takes its steps (by
    /// key). Sorting only these gives the level's answer at the cost of a selection, not of a
    /// sort of every step, when a hub's thousands of neighbours meet a small budget.
    /// </summary>
    private static int Keep(Span<ulong> steps, Marks marks, int room, ref bool truncated)
    {
        var seen = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            if (marks.Visited((uint)steps[i]))
            {
                (steps[seen], steps[i]) = (steps[i], steps[seen]);
                seen++;
            }
        }

        var fresh = steps[seen..];
        if (fresh.Length <= room)
        {
            // At most that many new nodes: the budget cannot cut this level.
            return steps.Length;
        }

        if (room <= 0)
        {
            truncated = true;
            return seen;
        }

        // The first `room` distinct new nodes lie among the smallest keys: take the smallest m,
        // in order, and widen while steps to the same node leave fewer distinct nodes than room.
        for (var m = room; ; m = Math.Min(fresh.Length, m * 2))
        {
            SmallestFirst(fresh, m);
            fresh[..m].Sort();
            marks.BeginChoice();
            var chosen = 0;
            for (var i = 0; i < m && chosen < room; i++)
            {
                if (!marks.Chosen((uint)fresh[i]))
                {
                    marks.Choose((uint)fresh[i]);
                    chosen++;
                }
            }

            if (chosen == room || m == fresh.Length)
            {
                break;
            }
        }

        var kept = seen;
        for (var i = seen; i < steps.Length; i++)
        {
            if (marks.Chosen((uint)steps[i]))
            {
                (steps[kept], steps[i]) = (steps[i], steps[kept]);
                kept++;
            }
            else
            {
                truncated = true;
            }
        }

        return kept;
    }

    /// <summary>Reorders <paramref name="items"/> so that its <paramref name="count"/> smallest come first, in no particular order (a selection, as quicksort partitions).</summary>
    private static void SmallestFirst(Span<ulong> items, int count)
    {
        var (low, high, nth) = (0, items.Length - 1, count - 1);
        while (low < high)
        {
            var (a, b, c) = (items[low], items[low + ((high - low) / 2)], items[high]);
            var pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            var (i, j) = (low, high);
            while (i <= j)
            {
                while (items[i] < pivot)
                {
                    i++;
                }

                while (items[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (items[i], items[j]) = (items[j], items[i]);
                    i++;
                    j--;
                }
            }

            if (nth <= j)
            {
                high = j;
            }
            else if (nth >= i)
            {
                low = i;
            }
            else
            {
                return;
            }
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
        var everyone = access.IsAdministrator;
        var high = (ulong)from << 32 | (isRun ? 1u << 31 : 0u);
        foreach (var lists in EdgesOf(isRun ? NodeKind.Run : NodeKind.Artifact, direction))
        {
            for (var e = lists.First(id); e != 0; e = lists.Next(e))
            {
                var target = lists.Target(e);

                // A hub's steps are most of a big walk: namespaces and types are read only when asked about.
                if (!everyone && !access.CanSeeNamespace(isRun ? VersionNamespace(target) : RunNamespace(target)))
                {
                    continue;
                }

                if (filter is not null && (isRun ? VersionType(target) : RunJobType(target)) is var type && (type is null || !filter.Contains(type)))
                {
                    continue;
                }

                into.Add(high | (uint)target);
            }
        }
    }

    /// <summary>Visited marks for one walk at a time: a stamp per node, so nothing is cleared between walks.</summary>
    private sealed class Marks
    {
        private int[] _runs = [];

        // Large scratch lists a walk left behind, for the next walk on any thread: a hub's walk
        // fills hundreds of thousands of steps, and neither growing them anew each time nor
        // every thread keeping its own is cheap.
        private static Scratch? _spare;

        private Scratch _scratch = new();

        /// <summary>Scratch lists of one walk, kept with the marks so that big walks do not allocate them anew.</summary>
        public List<ulong> Steps => _scratch.Steps;

        public List<uint> Frontier { get => _scratch.Frontier; set => _scratch.Frontier = value; }

        public List<uint> Next { get => _scratch.Next; set => _scratch.Next = value; }

        private int[] _versions = [];
        private int _stamp;
        private int _choice;

        public void Begin(long runs, long versions)
        {
            TakeSpare();
            if (_runs.Length <= runs)
            {
                _runs = new int[(int)runs + 1024];
            }

            if (_versions.Length <= versions)
            {
                _versions = new int[(int)versions + 1024];
            }

            if (++_stamp == int.MaxValue || _choice < int.MinValue / 2)
            {
                Array.Clear(_runs);
                Array.Clear(_versions);
                (_stamp, _choice) = (1, 0);
            }
        }

        /// <summary>Leaves scratch space a very large walk grew for the next one, so that threads do not each keep it.</summary>
        public void Trim()
        {
            if (_scratch.IsLarge)
            {
                _scratch.Clear();
                _scratch = Interlocked.Exchange(ref _spare, _scratch) is { IsLarge: false } small ? small : new Scratch();
            }
        }

        /// <summary>Takes the large scratch lists a walk left, if any, before a walk that may need them.</summary>
        private void TakeSpare()
        {
            if (!_scratch.IsLarge && Volatile.Read(ref _spare) is not null && Interlocked.Exchange(ref _spare, null) is { } spare)
            {
                _scratch = spare;
            }
        }

        private sealed class Scratch
        {
            public List<ulong> Steps { get; } = [];

            public List<uint> Frontier { get; set; } = [];

            public List<uint> Next { get; set; } = [];

            public bool IsLarge => Steps.Capacity > 1 << 16 || Frontier.Capacity > 1 << 16 || Next.Capacity > 1 << 16;

            public void Clear()
            {
                Steps.Clear();
                Frontier.Clear();
                Next.Clear();
            }
        }

        /// <summary>Starts a new choice of nodes among a level's new ones; earlier choices are forgotten.</summary>
        public void BeginChoice()
        {
            // Choices are negative, so they never read as visited; they only run down, and a
            // walk makes far fewer than Begin leaves room for.
            _choice--;
        }

        public bool Chosen(uint key) => Mark(key) == _choice;

        /// <summary>Marks a node chosen; it stays unvisited until the walk visits it.</summary>
        public void Choose(uint key) => Mark(key) = _choice;

        public bool Visited(uint key) => Mark(key) == _stamp;

        public void Visit(uint key) => Mark(key) = _stamp;

        /// <summary>The mark of a node in its kind's array: the stamp of the walk that visited it, or a choice.</summary>
        private ref int Mark(uint key) => ref ((key >> 31) == 0 ? ref _runs[key & 0x7FFF_FFFF] : ref _versions[key & 0x7FFF_FFFF]);
    }
}
