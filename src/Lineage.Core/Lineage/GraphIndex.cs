using Lineage.Identity;
namespace Lineage.Lineage;

/// <summary>
/// The lineage graph held in memory: runs, versions, their edges in both directions, and
/// what walks filter and print (types, namespaces, names). It is a projection of what a store
/// holds (which only ever grows), kept current by applying <see cref="GraphDelta"/>s of what was
/// stored past its <see cref="Watermark"/>; it never holds anything a transaction has not committed.
/// </summary>
/// <remarks>
/// Ids are the store's, dense from 1, and index plain arrays. Each direction of each edge kind
/// is a linked list in arrays (head per node, next and target per edge), so adding an edge is
/// O(1) and a million nodes with millions of edges cost tens of megabytes. Readers take the
/// read lock for one frontier at a time; applying a delta takes the write lock.
/// </remarks>
public sealed partial class GraphIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    // Type names by id, in a column so that an answer read after its walk sees the array it saw.
    private Column<string?> _types = new();
    private int _typeCount;
    private readonly Dictionary<string, int> _typeIds = new(StringComparer.Ordinal);

    private Column<int> _projectNamespace = new();
    private Column<string?> _projectPath = new();
    private Column<int> _artifactProject = new();
    private Column<int> _artifactType = new();
    private Column<string?> _artifactName = new();
    private Column<int> _runProject = new();
    private Column<int> _runJobType = new();
    private Column<string?> _runName = new();
    private Column<int> _versionArtifact = new();
    private Column<int> _versionIndex = new();
    private Column<string?> _versionName = new();

    // Per edge kind, by position in EdgeKinds.All: the edges out of each node the data flows
    // from (downstream), and into each node it flows to (upstream).
    private readonly EdgeLists[] _outgoing;
    private readonly EdgeLists[] _incoming;

    // The lists above, by node kind (Run, Artifact): those a walk follows in each direction.
    private readonly EdgeLists[][] _downstream;
    private readonly EdgeLists[][] _upstream;

    public GraphIndex()
    {
        Func<int, long> NamespaceOf(NodeKind kind) => kind == NodeKind.Run ? RunNamespace : VersionNamespace;
        _outgoing = [.. EdgeKinds.All.Select(k => new EdgeLists(NamespaceOf(k.To)))];
        _incoming = [.. EdgeKinds.All.Select(k => new EdgeLists(NamespaceOf(k.From)))];
        foreach (var (outgoing, incoming) in _outgoing.Zip(_incoming))
        {
            (outgoing.Reverse, incoming.Reverse) = (incoming, outgoing);
        }

        _downstream = ByNodeKind(WalkDirection.Downstream);
        _upstream = ByNodeKind(WalkDirection.Upstream);
    }

    /// <summary>How far this index has read each kind of thing the store holds.</summary>
    public GraphWatermark Watermark { get; private set; } = GraphWatermark.Empty;

    public int RunCount { get; private set; }

    public int VersionCount { get; private set; }

    public long EdgeCount { get; private set; }

    /// <summary>Adds the rows of <paramref name="delta"/> past the watermark; rows it already holds are skipped.</summary>
    public void Apply(GraphDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        _lock.EnterWriteLock();
        try
        {
            var mark = Watermark;
            foreach (var p in delta.Projects.Where(p => p.Id > mark.Project))
            {
                _projectNamespace.Set(p.Id, checked((int)p.NamespaceId));
                _projectPath.Set(p.Id, p.Path);
                mark = mark with { Project = Math.Max(mark.Project, p.Id) };
            }

            foreach (var a in delta.Artifacts.Where(a => a.Id > mark.Artifact))
            {
                _artifactProject.Set(a.Id, checked((int)a.ProjectId));
                _artifactType.Set(a.Id, TypeId(a.Type));
                _artifactName.Set(a.Id, a.Name);
                CountType(_artifactsByType, checked((int)a.ProjectId), _artifactType[checked((int)a.Id)]);
                mark = mark with { Artifact = Math.Max(mark.Artifact, a.Id) };
            }

            foreach (var r in delta.Runs.Where(r => r.Id > mark.Run))
            {
                _runProject.Set(r.Id, checked((int)r.ProjectId));
                _runJobType.Set(r.Id, r.JobType is null ? -1 : TypeId(r.JobType));
                _runName.Set(r.Id, r.Name);
                CountType(_runsByJobType, checked((int)r.ProjectId), _runJobType[checked((int)r.Id)]);
                RunCount++;
                mark = mark with { Run = Math.Max(mark.Run, r.Id) };
            }

            foreach (var v in delta.Versions.Where(v => v.Id > mark.Version))
            {
                _versionArtifact.Set(v.Id, checked((int)v.ArtifactId));
                _versionIndex.Set(v.Id, v.Index);
                _versionName.Set(v.Id, $"{_artifactName[checked((int)v.ArtifactId)]}:v{v.Index}");
                VersionCount++;
                mark = mark with { Version = Math.Max(mark.Version, v.Id) };
            }

            // Each new edge's ends are placed as it comes; once one is out of order the whole
            // graph is sorted after (no list of the edges is kept: a load holds millions).
            var ordered = true;
            foreach (var kind in EdgeKinds.All)
            {
                var (outgoing, incoming, held, last) = (_outgoing[(int)kind.Kind], _incoming[(int)kind.Kind], mark.Edge(kind.Kind), mark.Edge(kind.Kind));
                foreach (var e in delta.Edges(kind.Kind).Where(e => e.Seq > held))
                {
                    var (run, version) = (checked((int)e.RunId), checked((int)e.VersionId));
                    var (from, to) = kind.From == NodeKind.Run ? (run, version) : (version, run);
                    outgoing.Add(from, to, e.Seq);
                    incoming.Add(to, from, e.Seq);
                    ordered = ordered && (kind.From == NodeKind.Run ? Ordered(NodeRef.Run(from), NodeRef.Version(to)) : Ordered(NodeRef.Version(from), NodeRef.Run(to)));
                    EdgeCount++;
                    last = Math.Max(last, e.Seq);
                }

                mark = mark.WithEdge(kind.Kind, last);
            }

            Watermark = mark;
            if (!ordered)
            {
                SortHeld();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The neighbours of <paramref name="nodes"/> in one direction, each with its type and
    /// namespace, appended to <paramref name="into"/>. Nodes the index does not hold have none.
    /// </summary>
    public void Neighbours(IReadOnlyList<NodeRef> nodes, WalkDirection direction, List<Adjacency> into)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(into);
        _lock.EnterReadLock();
        try
        {
            foreach (var node in nodes)
            {
                foreach (var next in NeighboursHeld(node, direction))
                {
                    var target = (int)next.Id;
                    into.Add(next.Kind == NodeKind.Artifact
                        ? new Adjacency(node, next, VersionType(target), VersionNamespace(target))
                        : new Adjacency(node, next, RunJobType(target), RunNamespace(target)));
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// How many neighbours <paramref name="node"/> has in one direction that lie in namespaces
    /// the caller may see: a run's or version's edge count, read without a page of rows. 0 for a
    /// node the index does not hold.
    /// </summary>
    public int CountNeighbours(NodeRef node, WalkDirection direction, Access access)
    {
        ArgumentNullException.ThrowIfNull(access);
        _lock.EnterReadLock();
        try
        {
            if (!Holds(node))
            {
                return 0;
            }

            var id = (int)node.Id;
            var count = 0;
            foreach (var lists in EdgesOf(node.Kind, direction))
            {
                if (access.IsAdministrator)
                {
                    count += lists.Degree(id);
                    continue;
                }

                if (lists.CountVisible(id, access) is { } counted)
                {
                    count += counted;
                    continue;
                }

                for (var e = lists.First(id); e != 0; e = lists.Next(e))
                {
                    var target = lists.Target(e);
                    if (access.CanSeeNamespace(node.Kind == NodeKind.Run ? VersionNamespace(target) : RunNamespace(target)))
                    {
                        count++;
                    }
                }
            }

            return count;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>How a node is shown: its short name, its path, its type, and the namespace that holds it.</summary>
    public NodeDescription? Describe(NodeRef node)
    {
        _lock.EnterReadLock();
        try
        {
            return Holds(node) ? DescribeHeld(node) : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private (string? Type, long NamespaceId) ScopeHeld(NodeRef node) =>
        node.Kind == NodeKind.Run
            ? (RunJobType((int)node.Id), RunNamespace((int)node.Id))
            : (VersionType((int)node.Id), VersionNamespace((int)node.Id));

    private NodeDescription DescribeHeld(NodeRef node)
    {
        var id = (int)node.Id;
        if (node.Kind == NodeKind.Run)
        {
            var name = _runName[id]!;
            return new NodeDescription(name, $"{_projectPath[_runProject[id]]}/{name}", RunJobType(id), RunNamespace(id));
        }

        var versionName = _versionName[id]!;
        return new NodeDescription(versionName, $"{_projectPath[_artifactProject[_versionArtifact[id]]]}/{versionName}", VersionType(id), VersionNamespace(id));
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The neighbours of a node in one direction, over every edge kind; none when the index does not hold it. Callers hold the lock.</summary>
    private IEnumerable<NodeRef> NeighboursHeld(NodeRef node, WalkDirection direction)
    {
        if (!Holds(node))
        {
            yield break;
        }

        var id = (int)node.Id;
        foreach (var lists in EdgesOf(node.Kind, direction))
        {
            for (var e = lists.First(id); e != 0; e = lists.Next(e))
            {
                yield return node.Kind == NodeKind.Run ? NodeRef.Version(lists.Target(e)) : NodeRef.Run(lists.Target(e));
            }
        }
    }

    /// <summary>The edge lists that lead from a node of <paramref name="kind"/> in <paramref name="direction"/>, one per edge kind that does.</summary>
    private EdgeLists[] EdgesOf(NodeKind kind, WalkDirection direction) =>
        (direction == WalkDirection.Downstream ? _downstream : _upstream)[(int)kind];

    private EdgeLists[][] ByNodeKind(WalkDirection direction) =>
    [
        .. Enum.GetValues<NodeKind>().Select(node => EdgeKinds.All
            .Where(edge => (direction == WalkDirection.Downstream ? edge.From : edge.To) == node)
            .Select(edge => (direction == WalkDirection.Downstream ? _outgoing : _incoming)[(int)edge.Kind])
            .ToArray()),
    ];

    private bool Holds(NodeRef node) =>
        node.Id > 0 && (node.Kind == NodeKind.Run
            ? node.Id <= Watermark.Run && _runProject[(int)node.Id] != 0
            : node.Id <= Watermark.Version && _versionArtifact[(int)node.Id] != 0);

    private string? RunJobType(int run) => _runJobType[run] is var t and >= 0 ? _types[t] : null;

    private string VersionType(int version) => _types[_artifactType[_versionArtifact[version]]]!;

    private long RunNamespace(int run) => _projectNamespace[_runProject[run]];

    private long VersionNamespace(int version) => _projectNamespace[_artifactProject[_versionArtifact[version]]];

    private int TypeId(string type)
    {
        if (!_typeIds.TryGetValue(type, out var id))
        {
            id = _typeCount++;
            _types.Set(id, type);
            _typeIds[type] = id;
        }

        return id;
    }

    /// <summary>A growable array indexed by store id.</summary>
    private struct Column<T>
    {
        private T[] _items;

        public Column() => _items = new T[16];

        public readonly T this[int id] => id < _items.Length ? _items[id] : default!;

        public void Set(long id, T value)
        {
            var at = checked((int)id);
            if (at >= _items.Length)
            {
                Array.Resize(ref _items, Math.Max(at + 1, _items.Length * 2));
            }

            _items[at] = value;
        }
    }

    /// <summary>
    /// One direction of one edge kind: a linked list of targets per node, in arrays, each edge
    /// with its position in the store's order of its kind. Edges are appended at each list's
    /// tail, so a list runs in the order the store added its edges, as pages list them.
    /// </summary>
    private sealed class EdgeLists(Func<int, long> targetNamespace)
    {
        /// <summary>From how many edges a node's list also keeps how many of its targets each namespace holds.</summary>
        public const int CountedDegree = 256;

        // For each node with a long list: its targets counted by namespace, so that a caller who
        // sees some namespaces counts a hub's neighbours by namespace, not edge by edge.
        private readonly Dictionary<int, Dictionary<long, int>> _byNamespace = [];

        private int[] _head = new int[16];
        private int[] _tail = new int[16];
        private int[] _degree = new int[16];
        private bool[] _unordered = new bool[16];
        private int[] _next = new int[16];
        private int[] _target = new int[16];
        private long[] _seq = new long[16];
        private int _count;

        /// <summary>Whether every list runs in store order: false once an edge came behind one added after it.</summary>
        public bool InStoreOrder { get; private set; } = true;

        public int First(int node) => node < _head.Length ? _head[node] : 0;

        public int Next(int edge) => _next[edge];

        public int Target(int edge) => _target[edge];

        public long Seq(int edge) => _seq[edge];

        /// <summary>The same edges the other way: a target's list of the nodes that reach it.</summary>
        public EdgeLists Reverse { get; set; } = null!;

        /// <summary>Whether a node's list runs in strictly ascending order of its targets (each once), as it does when each target was made before the next.</summary>
        public bool Ascending(int node) => node >= _unordered.Length || !_unordered[node];

        /// <summary>How many of a node's targets lie in namespaces the caller may see; null when the list is too short to keep them counted.</summary>
        public int? CountVisible(int node, Access access)
        {
            if (!_byNamespace.TryGetValue(node, out var counts))
            {
                return null;
            }

            var count = 0;
            foreach (var (ns, inNamespace) in counts)
            {
                count += access.CanSeeNamespace(ns) ? inNamespace : 0;
            }

            return count;
        }

        /// <summary>How many edges a node's list holds.</summary>
        public int Degree(int node) => node < _degree.Length ? _degree[node] : 0;

        /// <summary>The arrays of these lists as they are now, for a loop over many nodes under the read lock.</summary>
        public Arrays Read() => new(_head, _next, _target, _unordered);

        /// <summary>The arrays of <see cref="EdgeLists"/>, held in locals by a walk's hot loop.</summary>
        public readonly record struct Arrays(int[] Head, int[] Next, int[] Target, bool[] Unordered)
        {
            public int First(int node) => node < Head.Length ? Head[node] : 0;

            public bool Ascending(int node) => node >= Unordered.Length || !Unordered[node];
        }

        public void Add(int node, int target, long seq)
        {
            var edge = ++_count;
            if (edge >= _next.Length)
            {
                Array.Resize(ref _next, _next.Length * 2);
                Array.Resize(ref _target, _target.Length * 2);
                Array.Resize(ref _seq, _seq.Length * 2);
            }

            if (node >= _head.Length)
            {
                var size = Math.Max(node + 1, _head.Length * 2);
                Array.Resize(ref _head, size);
                Array.Resize(ref _tail, size);
                Array.Resize(ref _degree, size);
                Array.Resize(ref _unordered, size);
            }

            _target[edge] = target;
            _seq[edge] = seq;
            if (_tail[node] is var last and not 0)
            {
                InStoreOrder = InStoreOrder && _seq[last] < seq;
                _unordered[node] |= target <= _target[last];
                _next[last] = edge;
            }
            else
            {
                _head[node] = edge;
            }

            _tail[node] = edge;
            _degree[node]++;
            if (_byNamespace.TryGetValue(node, out var counts))
            {
                var ns = targetNamespace(target);
                counts[ns] = counts.GetValueOrDefault(ns) + 1;
            }
            else if (_degree[node] == CountedDegree)
            {
                counts = [];
                for (var e = _head[node]; e != 0; e = _next[e])
                {
                    var ns = targetNamespace(_target[e]);
                    counts[ns] = counts.GetValueOrDefault(ns) + 1;
                }

                _byNamespace[node] = counts;
            }
        }
    }
}
