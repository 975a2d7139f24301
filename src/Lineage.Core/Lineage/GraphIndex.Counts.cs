using Lineage.Listing;

namespace Lineage.Lineage;

public sealed partial class GraphIndex
{
    // Per project, how many runs it holds of each job type (-1 for none), and how many artifacts
    // of each type: a dashboard's tiles and its filtered totals, counted as rows arrive.
    private readonly Dictionary<int, Dictionary<int, int>> _runsByJobType = [];
    private readonly Dictionary<int, Dictionary<int, int>> _artifactsByType = [];

    /// <summary>
    /// How many runs (or artifacts) <paramref name="projectId"/> holds whose job type (or type)
    /// is one of <paramref name="types"/>, or how many in all when it is null. Null when the
    /// index does not hold the project, and only the store can count.
    /// </summary>
    public int? CountByType(NodeKind kind, long projectId, IReadOnlyCollection<string>? types)
    {
        _lock.EnterReadLock();
        try
        {
            if (!HoldsProject(projectId))
            {
                return null;
            }

            if (!TypeCounts(kind).TryGetValue((int)projectId, out var counts))
            {
                return 0;
            }

            if (types is null)
            {
                return counts.Values.Sum();
            }

            var total = 0;
            foreach (var type in types.Distinct(StringComparer.Ordinal))
            {
                total += _typeIds.TryGetValue(type, out var id) && counts.TryGetValue(id, out var count) ? count : 0;
            }

            return total;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// A project's runs by job type (or artifacts by type), the most common first, then runs
    /// without one, then by value in the store's order of text; null when the index does not hold
    /// the project.
    /// </summary>
    public IReadOnlyList<Tally>? TallyByType(NodeKind kind, long projectId, int first)
    {
        _lock.EnterReadLock();
        try
        {
            if (!HoldsProject(projectId))
            {
                return null;
            }

            if (!TypeCounts(kind).TryGetValue((int)projectId, out var counts))
            {
                return [];
            }

            return [.. counts
                .Select(c => new Tally(c.Key < 0 ? null : _types[c.Key], c.Value))
                .OrderByDescending(t => t.Count)
                .ThenBy(t => t.Value is null)
                .ThenBy(t => t.Value, CodePointOrder)
                .Take(first)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private bool HoldsProject(long projectId) => projectId > 0 && projectId <= Watermark.Project && _projectNamespace[(int)projectId] != 0;

    private Dictionary<int, Dictionary<int, int>> TypeCounts(NodeKind kind) => kind == NodeKind.Run ? _runsByJobType : _artifactsByType;

    /// <summary>Counts one more row of <paramref name="type"/> in <paramref name="project"/>. Callers hold the write lock.</summary>
    private static void CountType(Dictionary<int, Dictionary<int, int>> counts, int project, int type)
    {
        if (!counts.TryGetValue(project, out var byType))
        {
            counts[project] = byType = [];
        }

        byType[type] = byType.GetValueOrDefault(type) + 1;
    }

    /// <summary>Text in the order of its code points, as SQLite orders UTF-8 text byte by byte.</summary>
    private static readonly Comparer<string?> CodePointOrder = Comparer<string?>.Create((a, b) =>
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        var (left, right) = (a.EnumerateRunes(), b.EnumerateRunes());
        while (true)
        {
            var (more, other) = (left.MoveNext(), right.MoveNext());
            if (!more || !other)
            {
                return (more ? 1 : 0) - (other ? 1 : 0);
            }

            if (left.Current.Value != right.Current.Value)
            {
                return left.Current.Value.CompareTo(right.Current.Value);
            }
        }
    });
}
