using System.Numerics;
using System.Runtime.CompilerServices;
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
            var walked = WalkHeld(query, access);
            var nodes = new AnswerNodes(walked.Keys, walked.Levels, new NameBook(this));
            return new Traversal(
                [.. nodes.Select((n, i) => new TraversedNode(n.Node, n.Hops, i == 0 ? startType : n.Type))],
                [.. new AnswerEdges(walked.Edges)],
                walked.Truncated);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// A lineage answer under one read lock: null when the start is not held or lies in a
    /// namespace the caller cannot see; otherwise the walk, whose nodes are named as the
    /// answer is read (see <see cref="NameBook"/>).
    /// </summary>
    public LineageGraph? Lineage(LineageQuery query, Access access)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        _lock.EnterReadLock();
        try
        {
            if (!Holds(query.Start) || !access.CanSeeNamespace(ScopeHeld(query.Start).NamespaceId))
            {
                return null;
            }

            var walked = WalkHeld(query, access);
            return new LineageGraph(new AnswerNodes(walked.Keys, walked.Levels, new NameBook(this)), new AnswerEdges(walked.Edges), walked.Truncated);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private static readonly WalkDirection[] UpstreamOnly = [WalkDirection.Upstream];
    private static readonly WalkDirection[] DownstreamOnly = [WalkDirection.Downstream];
    private static readonly WalkDirection[] BothWays = [WalkDirection.Upstream, WalkDirection.Downstream];

    /// <summary>
    /// A walk's answer as it is built: node keys in answer order, where each run of nodes with
    /// the same hops begins, and edges as (from &lt;&lt; 32 | to) in data-flow order. Names, types
    /// and node records are made only as the answer is read.
    /// </summary>
    private readonly record struct Walked(SegmentedList<uint> Keys, List<(int From, int Hops)> Levels, SegmentedList<ulong> Edges, bool Truncated);

    private Walked WalkHeld(LineageQuery query, Access access)
    {
        var marks = _threadMarks ??= new Marks();
        try
        {
            marks.Begin(Watermark.Run, Watermark.Version);
            var start = Key(query.Start);
            var nodes = new SegmentedList<uint> { start };
            var levels = new List<(int From, int Hops)> { (0, 0) };
            var hops = 0;
            var edges = new SegmentedList<ulong>();
            var truncated = false;
            marks.Visit(start);
            var (steps, frontier, next) = (marks.Steps, marks.Frontier, marks.Next);

            // A budget larger than the whole graph cuts nothing: every level is taken whole.
            var uncut = query.MaxNodes > RunCount + VersionCount && query.MaxEdges >= EdgeCount;

            foreach (var direction in query.Direction switch
            {
                LineageDirection.Upstream => UpstreamOnly,
                LineageDirection.Downstream => DownstreamOnly,
                _ => BothWays,
            })
            {
                var downstream = direction == WalkDirection.Downstream;
                frontier.Clear();
                frontier.Add(start);
                for (var hop = 1; frontier.Count > 0; hop++)
                {
                    var closing = hop > query.Depth || nodes.Count >= query.MaxNodes;
                    if (!closing && uncut)
                    {
                        TakeWhole(frontier, direction, query, access, marks, nodes, levels, edges, next, hop, ref hops);
                        (frontier, next) = (next, frontier);
                        continue;
                    }

                    Gather(frontier, direction, query, access, marks, nodes, closing ? 0 : query.MaxNodes - nodes.Count, ref truncated);
                    var taken = CollectionsMarshal.AsSpan(steps);
                    SortUnlessSorted(taken);
                    next.Clear();
                    foreach (var step in taken)
                    {
                        var to = (uint)step;
                        if (!marks.Visited(to))
                        {
                            if (closing || nodes.Count >= query.MaxNodes)
                            {
                                truncated = true;
                                continue;
                            }

                            marks.Visit(to);
                            if (hops != hop)
                            {
                                levels.Add((nodes.Count, hops = hop));
                            }

                            nodes.Add(to);
                            next.Add(to);
                        }

                        if (edges.Count >= query.MaxEdges)
                        {
                            truncated = true;
                            continue;
                        }

                        edges.Add(downstream ? step : (step << 32) | (step >> 32));
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

            return new Walked(nodes, levels, edges, truncated);
        }
        finally
        {
            marks.Trim();
        }
    }

    /// <summary>
    /// Takes a level whole, for a walk whose budget cannot cut it: reads the frontier's lists in
    /// key order and keeps every admitted step as it comes, with no steps collected for the
    /// level and no choice made. A list that holds its targets in ascending order gives its
    /// steps in the order sorting them would; any other has its steps sorted on their own, which
    /// is the same order, since all of one node's steps sort together. The answer is the one
    /// gathering and sorting the level gives.
    /// </summary>
    private void TakeWhole(
        List<uint> frontier, WalkDirection direction, LineageQuery query, Access access, Marks marks,
        SegmentedList<uint> nodes, List<(int From, int Hops)> levels, SegmentedList<ulong> edges, List<uint> next, int hop, ref int hops)
    {
        var from = CollectionsMarshal.AsSpan(frontier);
        SortUnlessSorted(from);
        next.Clear();
        var (downstream, fresh, level) = (direction == WalkDirection.Downstream, marks.Fresh, hops);
        foreach (var key in from)
        {
            var id = (int)(key & 0x7FFF_FFFF);
            var isRun = (key >> 31) == 0;
            var filter = isRun ? query.ArtifactTypes : query.JobTypes;
            var admitAll = access.IsAdministrator && filter is null;
            var high = (ulong)key << 32 | (isRun ? 1u << 31 : 0u);
            var all = EdgesOf(isRun ? NodeKind.Run : NodeKind.Artifact, direction);
            if (all.Length == 1 && all[0].Ascending(id))
            {
                var lists = all[0];
                for (var e = lists.First(id); e != 0; e = lists.Next(e))
                {
                    var target = lists.Target(e);
                    if (admitAll || Admits(target, isRun, filter, access))
                    {
                        Take(high | (uint)target);
                    }
                }

                continue;
            }

            fresh.Clear();
            foreach (var lists in all)
            {
                for (var e = lists.First(id); e != 0; e = lists.Next(e))
                {
                    fresh.Add(high | (uint)lists.Target(e));
                }
            }

            var steps = CollectionsMarshal.AsSpan(fresh);
            steps.Sort();
            foreach (var step in steps)
            {
                if (admitAll || Admits((int)(step & 0x7FFF_FFFF), isRun, filter, access))
                {
                    Take(step);
                }
            }
        }

        hops = level;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        void Take(ulong step)
        {
            if (!marks.Visited((uint)step))
            {
                marks.Visit((uint)step);
                if (level != hop)
                {
                    levels.Add((nodes.Count, level = hop));
                }

                nodes.Add((uint)step);
                next.Add((uint)step);
            }

            edges.Add(downstream ? step : (step << 32) | (step >> 32));
        }
    }

    /// <summary>Sorts a level's steps or frontier, after a check that costs a read each: lists kept in order usually leave them sorted already.</summary>
    private static void SortUnlessSorted<T>(Span<T> items)
        where T : struct, IComparisonOperators<T, T, bool>
    {
        for (var i = 1; i < items.Length; i++)
        {
            if (items[i] < items[i - 1])
            {
                items.Sort();
                return;
            }
        }
    }

    /// <summary>
    /// Puts in the marks' steps those a level takes, each as (from &lt;&lt; 32 | to): every admitted
    /// step to a node visited before the level, and of the admitted steps to new nodes, those to
    /// the first <paramref name="room"/> new nodes in the order of the steps' keys; sets
    /// <paramref name="truncated"/> when a new node is left out. The frontier is taken in key
    /// order, so the nodes chosen are final as soon as the room is used up; from then on a
    /// list is only scanned for nodes already visited or chosen, which costs a mark read per
    /// edge. A list whose targets came in ascending order is chosen from as it is read; any
    /// other has its new targets selected and sorted. A hub's thousands of neighbours under a
    /// small budget cost a read each, not an admission check, a selection and a sort each.
    /// </summary>
    private void Gather(List<uint> frontier, WalkDirection direction, LineageQuery query, Access access, Marks marks, SegmentedList<uint> visited, int room, ref bool truncated)
    {
        var (into, fresh) = (marks.Steps, marks.Fresh);
        into.Clear();
        marks.BeginChoice();
        SortUnlessSorted(CollectionsMarshal.AsSpan(frontier));
        foreach (var from in frontier)
        {
            var id = (int)(from & 0x7FFF_FFFF);
            var isRun = (from >> 31) == 0;
            var filter = isRun ? query.ArtifactTypes : query.JobTypes;
            var high = (ulong)from << 32 | (isRun ? 1u << 31 : 0u);
            var all = EdgesOf(isRun ? NodeKind.Run : NodeKind.Artifact, direction);

            var ordered = room > 0 && all.Length == 1 && all[0].Ascending(id);
            var admitAll = access.IsAdministrator && filter is null;
            fresh.Clear();
            foreach (var lists in all)
            {
                var read = 0;
                for (var e = lists.First(id); e != 0; e = lists.Next(e))
                {
                    read++;
                    var target = lists.Target(e);
                    var step = high | (uint)target;
                    if (marks.Visited((uint)step) || marks.Chosen((uint)step))
                    {
                        if (admitAll || Admits(target, isRun, filter, access))
                        {
                            into.Add(step);
                        }
                    }
                    else if (room > 0)
                    {
                        if (!admitAll && !Admits(target, isRun, filter, access))
                        {
                            continue;
                        }

                        if (ordered)
                        {
                            marks.Choose((uint)step);
                            room--;
                            into.Add(step);
                            if (room == 0 && PastCut(lists, e, lists.Degree(id) - read, high, marks, visited, filter, access, ref truncated))
                            {
                                break;
                            }
                        }
                        else
                        {
                            fresh.Add(step);
                        }
                    }
                    else if (!truncated && Admits(target, isRun, filter, access))
                    {
                        truncated = true;
                    }
                }
            }

            if (fresh.Count > 0)
            {
                var span = CollectionsMarshal.AsSpan(fresh);
                ChooseSmallest(span, marks, ref room);
                foreach (var step in span)
                {
                    if (marks.Chosen((uint)step))
                    {
                        into.Add(step);
                    }
                    else
                    {
                        truncated = true;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Finishes a list in ascending order whose budget ran out at edge <paramref name="cut"/>,
    /// without reading the <paramref name="rest"/> of it edge by edge, when that is cheaper: the
    /// list's later targets are all above the cut's, so the only steps left to take lead to
    /// nodes above it already visited or chosen, and those are found from their own lists. Then
    /// reads on only until a new node it leaves out says the walk is truncated. False, with
    /// nothing done, when the nodes to look up have more edges than the rest of the list.
    /// </summary>
    private bool PastCut(EdgeLists lists, int cut, int rest, ulong high, Marks marks, SegmentedList<uint> visited, IReadOnlySet<string>? filter, Access access, ref bool truncated)
    {
        var (into, candidates) = (marks.Steps, marks.Candidates);
        var targetsAreRuns = (high & (1u << 31)) == 0;
        var above = lists.Target(cut);
        candidates.Clear();
        var cost = 0L;
        foreach (var node in visited)
        {
            var id = (int)(node & 0x7FFF_FFFF);
            if ((node >> 31 == 0) == targetsAreRuns && id > above)
            {
                candidates.Add(id);
                cost += 1 + lists.Reverse.Degree(id);
            }
        }

        foreach (var step in CollectionsMarshal.AsSpan(into))
        {
            var target = (int)(step & 0x7FFF_FFFF);
            if (((uint)step >> 31 == 0) == targetsAreRuns && target > above && !marks.Visited((uint)step))
            {
                candidates.Add(target);
                cost += 1 + lists.Reverse.Degree(target);
            }
        }

        if (cost >= rest)
        {
            return false;
        }

        // A chosen node is in the steps once for each node that reached it: look it up once.
        var unique = CollectionsMarshal.AsSpan(candidates);
        unique.Sort();
        var from = (int)((high >> 32) & 0x7FFF_FFFF);
        for (var i = 0; i < unique.Length; i++)
        {
            if (i > 0 && unique[i] == unique[i - 1])
            {
                continue;
            }

            for (var e = lists.Reverse.First(unique[i]); e != 0; e = lists.Reverse.Next(e))
            {
                if (lists.Reverse.Target(e) == from)
                {
                    if (Admits(unique[i], !targetsAreRuns, filter, access))
                    {
                        into.Add(high | (uint)unique[i]);
                    }

                    break;
                }
            }
        }

        for (var e = lists.Next(cut); e != 0 && !truncated; e = lists.Next(e))
        {
            var key = (uint)(high | (uint)lists.Target(e));
            if (!marks.Visited(key) && !marks.Chosen(key) && Admits(lists.Target(e), !targetsAreRuns, filter, access))
            {
                truncated = true;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a step from a run (<paramref name="fromRun"/>) or a version to
    /// <paramref name="target"/> may be taken: the caller sees the target's namespace, and its
    /// type passes the filter. Read only for targets a step may be kept to.
    /// </summary>
    private bool Admits(int target, bool fromRun, IReadOnlySet<string>? filter, Access access) =>
        (access.IsAdministrator || access.CanSeeNamespace(fromRun ? VersionNamespace(target) : RunNamespace(target)))
        && (filter is null || ((fromRun ? VersionType(target) : RunJobType(target)) is { } type && filter.Contains(type)));

    /// <summary>
    /// Chooses the targets of the smallest of one node's <paramref name="steps"/> until
    /// <paramref name="room"/> distinct new nodes are chosen: selects the smallest steps a
    /// chunk at a time (as quicksort partitions) and sorts only the chunk, so that a hub's
    /// thousands of steps cost a selection, not a sort, when the room is small.
    /// </summary>
    private static void ChooseSmallest(Span<ulong> steps, Marks marks, ref int room)
    {
        for (var start = 0; room > 0 && start < steps.Length;)
        {
            var rest = steps[start..];
            var chunk = Math.Min(rest.Length, Math.Max(room, 64));
            if (chunk < rest.Length)
            {
                SmallestFirst(rest, chunk);
            }

            rest[..chunk].Sort();
            foreach (var step in rest[..chunk])
            {
                if (room == 0)
                {
                    break;
                }

                if (!marks.Chosen((uint)step))
                {
                    marks.Choose((uint)step);
                    room--;
                }
            }

            start += chunk;
        }
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

        /// <summary>One node's steps to new nodes, while a level chooses among them.</summary>
        public List<ulong> Fresh => _scratch.Fresh;

        /// <summary>Nodes to look up past a list's cut.</summary>
        public List<int> Candidates => _scratch.Candidates;

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

            public List<ulong> Fresh { get; } = [];

            public List<int> Candidates { get; } = [];

            public List<uint> Frontier { get; set; } = [];

            public List<uint> Next { get; set; } = [];

            public bool IsLarge => Steps.Capacity > 1 << 16 || Fresh.Capacity > 1 << 16 || Candidates.Capacity > 1 << 16 || Frontier.Capacity > 1 << 16 || Next.Capacity > 1 << 16;

            public void Clear()
            {
                Steps.Clear();
                Fresh.Clear();
                Candidates.Clear();
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
