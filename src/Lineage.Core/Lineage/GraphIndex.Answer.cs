using System.Collections;

namespace Lineage.Lineage;

public sealed partial class GraphIndex
{
    /// <summary>
    /// What the nodes of an answer print (names, project paths, types), as the index held it
    /// when the walk ended. Each column is written once per id and grows by copying into a new
    /// array, so the arrays taken under the read lock keep answering for every node the walk
    /// reached after the lock is let go, while writers add past them. An answer of a hundred
    /// thousand nodes is then named as it is written out, one node at a time, instead of being
    /// copied into named records under the lock first.
    /// </summary>
    private readonly struct NameBook(GraphIndex index)
    {
        private readonly Column<string?> _runName = index._runName;
        private readonly Column<int> _runProject = index._runProject;
        private readonly Column<int> _runJobType = index._runJobType;
        private readonly Column<string?> _versionName = index._versionName;
        private readonly Column<int> _versionArtifact = index._versionArtifact;
        private readonly Column<int> _artifactProject = index._artifactProject;
        private readonly Column<int> _artifactType = index._artifactType;
        private readonly Column<string?> _projectPath = index._projectPath;
        private readonly Column<string?> _types = index._types;

        public LineageNode Node(uint key, int hops)
        {
            var id = (int)(key & 0x7FFF_FFFF);
            if (key >> 31 == 0)
            {
                var jobType = _runJobType[id];
                return new LineageNode(NodeRef.Run(id), hops, _runName[id]!, jobType < 0 ? null : _types[jobType], _projectPath[_runProject[id]]!);
            }

            var artifact = _versionArtifact[id];
            return new LineageNode(NodeRef.Version(id), hops, _versionName[id]!, _types[_artifactType[artifact]], _projectPath[_artifactProject[artifact]]!);
        }
    }

    /// <summary>The nodes of a walk's answer, in its order, named as they are read.</summary>
    private sealed class AnswerNodes(SegmentedList<uint> keys, List<(int From, int Hops)> levels, NameBook names) : IReadOnlyList<LineageNode>
    {
        public int Count => keys.Count;

        public LineageNode this[int index] => names.Node(keys[index], HopsAt(index));

        public IEnumerator<LineageNode> GetEnumerator()
        {
            var level = 0;
            for (var i = 0; i < keys.Count; i++)
            {
                while (level + 1 < levels.Count && levels[level + 1].From <= i)
                {
                    level++;
                }

                yield return names.Node(keys[i], levels[level].Hops);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The hops of the node at <paramref name="index"/>: those of the last run of nodes that begins at or before it.</summary>
        private int HopsAt(int index)
        {
            var (low, high) = (0, levels.Count - 1);
            while (low < high)
            {
                var middle = (low + high + 1) / 2;
                (low, high) = levels[middle].From <= index ? (middle, high) : (low, middle - 1);
            }

            return levels[low].Hops;
        }
    }

    /// <summary>The edges of a walk's answer, each kept as (from &lt;&lt; 32 | to) until it is read.</summary>
    private sealed class AnswerEdges(SegmentedList<ulong> pairs) : IReadOnlyList<LineageEdge>
    {
        public int Count => pairs.Count;

        public LineageEdge this[int index] => Edge(pairs[index]);

        public IEnumerator<LineageEdge> GetEnumerator()
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                yield return Edge(pairs[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private static LineageEdge Edge(ulong pair) => LineageEdge.Between(Node((uint)(pair >> 32)), Node((uint)pair));
    }
}
