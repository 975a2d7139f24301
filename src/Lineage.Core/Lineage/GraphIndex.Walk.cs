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
            var answer = marks.Answer;
            answer.Clear();
            answer.AddNode(start);
            var levels = new List<(int From, int Hops)> { (0, 0) };
            var hops = 0;
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

                // The level being read: the frontier list, or the nodes the last level added
                // when they came sorted (read in place, never sorted there: the answer's order).
                Span<uint> level = CollectionsMarshal.AsSpan(frontier);
                var hop = 1;
                if (uncut)
                {
                    level = TakeWhole(level, direction, query, access, marks, levels, out hop, ref hops);
                }

                for (; level.Length > 0; hop++)
                {
                    var closing = hop > query.Depth || answer.NodeCount >= query.MaxNodes;
                    Gather(level, direction, query, access, marks, closing ? 0 : query.MaxNodes - answer.NodeCount, ref truncated);
                    var taken = CollectionsMarshal.AsSpan(steps);
                    SortUnlessSorted(taken);
                    next.Clear();
                    foreach (var step in taken)
                    {
                        var to = (uint)step;
                        if (!marks.Visited(to))
                        {
                            if (closing || answer.NodeCount >= query.MaxNodes)
                            {
                                truncated = true;
                                continue;
                            }

                            marks.Visit(to);
                            if (hops != hop)
                            {
                                levels.Add((answer.NodeCount, hops = hop));
                            }

                            answer.AddNode(to);
                            next.Add(to);
                        }

                        if (answer.EdgeCount >= query.MaxEdges)
                        {
                            truncated = true;
                            continue;
                        }

                        answer.AddEdge(downstream ? step : (step << 32) | (step >> 32));
                    }

                    if (closing)
                    {
                        break;
                    }

                    (frontier, next) = (next, frontier);
                    level = CollectionsMarshal.AsSpan(frontier);
                    SortUnlessSorted(level);
                    if (level.Length == 0 && answer.NodeCount >= query.MaxNodes)
                    {
                        break;
                    }
                }
            }

            return new Walked(
                SegmentedList<uint>.Of(answer.Nodes.AsSpan(0, answer.NodeCount)),
                levels,
                SegmentedList<ulong>.Of(answer.Edges.AsSpan(0, answer.EdgeCount)),
                truncated);
        }
        finally
        {
            marks.Trim();
        }
    }

    /// <summary>
    /// Takes levels whole up to the query's depth, for a walk whose budget cannot cut it, and
    /// returns the frontier past the last (empty when the walk ran out of nodes), with
    /// <paramref name="hop"/> moved on to its hop. Each level reads the lists of its nodes (in
    /// key order) and keeps every admitted step as it comes, with no steps collected and no
    /// choice made. A list that holds its targets in ascending order gives its steps in the
    /// order sorting them would; any other has its steps sorted on their own, which is the same
    /// order, since all of one node's steps sort together. The answer is the one gathering and
    /// sorting each level gives.
    /// </summary>
    private Span<uint> TakeWhole(
        Span<uint> level, WalkDirection direction, LineageQuery query, Access access, Marks marks,
        List<(int From, int Hops)> levels, out int hop, scoped ref int hops)
    {
        var (downstream, fresh, answer, frontier) = (direction == WalkDirection.Downstream, marks.Fresh, marks.Answer, marks.Frontier);

        // Each kind of node has one list each way (used or logged): their arrays in locals.
        var (fromRuns, fromVersions) = (EdgesOf(NodeKind.Run, direction), EdgesOf(NodeKind.Artifact, direction));
        var single = fromRuns.Length == 1 && fromVersions.Length == 1;
        var (runLists, versionLists) = single ? (fromRuns[0].Read(), fromVersions[0].Read()) : default;
        var admitAllFromRuns = access.IsAdministrator && query.ArtifactTypes is null;
        var admitAllFromVersions = access.IsAdministrator && query.JobTypes is null;
        var (runMarks, versionMarks, stamp) = marks.Visits;
        for (hop = 1; level.Length > 0 && hop <= query.Depth; hop++)
        {
            var begin = answer.NodeCount;
            foreach (var key in level)
            {
                var id = (int)(key & 0x7FFF_FFFF);
                var isRun = (key >> 31) == 0;
                var high = (ulong)key << 32 | (isRun ? 1u << 31 : 0u);
                var admitAll = isRun ? admitAllFromRuns : admitAllFromVersions;
                if (single && admitAll)
                {
                    var lists = isRun ? runLists : versionLists;
                    if (lists.Ascending(id))
                    {
                        if (lists.First(id) is var first and not 0)
                        {
                            TakeList(first, lists.Next, lists.Target, isRun ? versionMarks : runMarks, stamp, high, downstream, answer);
                        }

                        continue;
                    }
                }

                fresh.Clear();
                foreach (var lists in isRun ? fromRuns : fromVersions)
                {
                    for (var e = lists.First(id); e != 0; e = lists.Next(e))
                    {
                        fresh.Add(high | (uint)lists.Target(e));
                    }
                }

                var steps = CollectionsMarshal.AsSpan(fresh);
                SortUnlessSorted(steps);

                var filter = isRun ? query.ArtifactTypes : query.JobTypes;
                foreach (var step in steps)
                {
                    if (admitAll || Admits((int)(step & 0x7FFF_FFFF), isRun, filter, access))
                    {
                        Take(step, downstream, marks, answer);
                    }
                }
            }

            if (answer.NodeCount > begin && hops != hop)
            {
                levels.Add((begin, hops = hop));
            }

            // The next level is what this one added, read in place when it came sorted.
            level = answer.Nodes.AsSpan(begin, answer.NodeCount - begin);
            if (!IsSorted<uint>(level))
            {
                frontier.Clear();
                frontier.AddRange(level);
                level = CollectionsMarshal.AsSpan(frontier);
                level.Sort();
            }
        }

        return level;
    }

    /// <summary>
    /// Takes every step of one node's list, from edge <paramref name="first"/>, to targets whose
    /// marks are in <paramref name="seen"/>: the inner loop of a closure, with what it needs in
    /// locals, for lists in ascending order that every caller may follow whole.
    /// </summary>
    private static void TakeList(int first, int[] next, int[] targets, int[] seen, int stamp, ulong high, bool downstream, AnswerBuffer answer)
    {
        var (nodes, nodeCount, edges, edgeCount) = (answer.Nodes, answer.NodeCount, answer.Edges, answer.EdgeCount);
        for (var e = first; e != 0; e = next[e])
        {
            var target = targets[e];
            var step = high | (uint)target;
            if (seen[target] != stamp)
            {
                seen[target] = stamp;
                if (nodeCount == nodes.Length)
                {
                    nodes = answer.GrowNodes(nodeCount);
                }

                nodes[nodeCount++] = (uint)step;
            }

            if (edgeCount == edges.Length)
            {
                edges = answer.GrowEdges(edgeCount);
            }

            edges[edgeCount++] = downstream ? step : BitOperations.RotateLeft(step, 32);
        }

        answer.Count(nodeCount, edgeCount);
    }

    /// <summary>Keeps a step of a level taken whole: its target, if new, and its edge.</summary>
    private static void Take(ulong step, bool downstream, Marks marks, AnswerBuffer answer)
    {
        if (!marks.Visited((uint)step))
        {
            marks.Visit((uint)step);
            answer.AddNode((uint)step);
        }

        answer.AddEdge(downstream ? step : BitOperations.RotateLeft(step, 32));
    }

    private static bool IsSorted<T>(ReadOnlySpan<T> items)
        where T : struct, IComparisonOperators<T, T, bool>
    {
        for (var i = 1; i < items.Length; i++)
        {
            if (items[i] < items[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sorts a level's steps or frontier, after a check that costs a read each: lists kept in order usually leave them sorted already.</summary>
    private static void SortUnlessSorted<T>(Span<T> items)
        where T : struct, IComparisonOperators<T, T, bool>
    {
        if (!IsSorted<T>(items))
        {
            items.Sort();
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
    private void Gather(ReadOnlySpan<uint> frontier, WalkDirection direction, LineageQuery query, Access access, Marks marks, int room, ref bool truncated)
    {
        var (into, fresh) = (marks.Steps, marks.Fresh);
        into.Clear();
        marks.BeginChoice();
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
                            if (room == 0 && PastCut(lists, e, lists.Degree(id) - read, high, marks, filter, access, ref truncated))
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
    private bool PastCut(EdgeLists lists, int cut, int rest, ulong high, Marks marks, IReadOnlySet<string>? filter, Access access, ref bool truncated)
    {
        var (into, candidates) = (marks.Steps, marks.Candidates);
        var targetsAreRuns = (high & (1u << 31)) == 0;
        var above = lists.Target(cut);
        candidates.Clear();
        var cost = 0L;
        foreach (var node in marks.Answer.Nodes.AsSpan(0, marks.Answer.NodeCount))
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

        /// <summary>The answer being built: copied out, compact, when the walk ends.</summary>
        public AnswerBuffer Answer => _scratch.Answer;

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

            public AnswerBuffer Answer { get; } = new();

            public bool IsLarge => Steps.Capacity > 1 << 16 || Fresh.Capacity > 1 << 16 || Candidates.Capacity > 1 << 16 || Frontier.Capacity > 1 << 16 || Next.Capacity > 1 << 16 || Answer.IsLarge;

            public void Clear()
            {
                Steps.Clear();
                Fresh.Clear();
                Candidates.Clear();
                Frontier.Clear();
                Next.Clear();
                Answer.Clear();
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

        /// <summary>The marks of runs and of versions, and the stamp that marks a node visited by this walk.</summary>
        public (int[] Runs, int[] Versions, int Stamp) Visits => (_runs, _versions, _stamp);

        public bool Visited(uint key) => Mark(key) == _stamp;

        public void Visit(uint key) => Mark(key) = _stamp;

        /// <summary>The mark of a node in its kind's array: the stamp of the walk that visited it, or a choice.</summary>
        private ref int Mark(uint key) => ref ((key >> 31) == 0 ? ref _runs[key & 0x7FFF_FFFF] : ref _versions[key & 0x7FFF_FFFF]);
    }

    /// <summary>
    /// A walk's nodes and edges while it runs, in plain arrays kept with the marks: the hot loop
    /// writes each with one store, and the answer is copied out whole when the walk ends.
    /// </summary>
    private sealed class AnswerBuffer
    {
        public uint[] Nodes { get; private set; } = new uint[256];

        public int NodeCount { get; private set; }

        public ulong[] Edges { get; private set; } = new ulong[256];

        public int EdgeCount { get; private set; }

        public bool IsLarge => Nodes.Length > 1 << 16 || Edges.Length > 1 << 16;

        public void Clear() => (NodeCount, EdgeCount) = (0, 0);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddNode(uint key)
        {
            if (NodeCount == Nodes.Length)
            {
                Nodes = Grown(Nodes);
            }

            Nodes[NodeCount++] = key;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddEdge(ulong pair)
        {
            if (EdgeCount == Edges.Length)
            {
                Edges = Grown(Edges);
            }

            Edges[EdgeCount++] = pair;
        }

        /// <summary>Sets the counts a loop that wrote into the arrays directly reached.</summary>
        public void Count(int nodes, int edges) => (NodeCount, EdgeCount) = (nodes, edges);

        /// <summary>Doubles the nodes' array, full at <paramref name="count"/> nodes, and returns it.</summary>
        public uint[] GrowNodes(int count)
        {
            NodeCount = count;
            return Nodes = Grown(Nodes);
        }

        /// <summary>Doubles the edges' array, full at <paramref name="count"/> edges, and returns it.</summary>
        public ulong[] GrowEdges(int count)
        {
            EdgeCount = count;
            return Edges = Grown(Edges);
        }

        private static T[] Grown<T>(T[] items)
        {
            var grown = GC.AllocateUninitializedArray<T>(items.Length * 2);
            items.CopyTo(grown, 0);
            return grown;
        }
    }
}
