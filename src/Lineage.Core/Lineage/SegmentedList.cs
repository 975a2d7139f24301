using System.Collections;
using System.Runtime.CompilerServices;

namespace Lineage.Lineage;

/// <summary>
/// An append-only list kept in segments small enough to stay off the large-object heap.
/// A walk of hundreds of thousands of nodes then allocates only short-lived small arrays,
/// which the garbage collector reclaims cheaply, instead of large ones that force full
/// collections of a heap that holds the whole graph.
/// </summary>
public sealed class SegmentedList<T> : IReadOnlyList<T>
{
    private static readonly int Shift = ShiftFor(Unsafe.SizeOf<T>());
    private static readonly int Mask = (1 << Shift) - 1;

    private T[][] _segments = [];
    private int _segmentCount;

    // The segment the next item goes into, while it has room.
    private T[] _current = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _segments[index >> Shift][index & Mask];
        }
    }

    /// <summary>A list holding a copy of <paramref name="items"/>, in full segments (the last one as long as it needs).</summary>
    public static SegmentedList<T> Of(ReadOnlySpan<T> items)
    {
        var list = new SegmentedList<T>();
        var count = (items.Length + Mask) >> Shift;
        list._segments = new T[Math.Max(4, count)][];
        for (var i = 0; i < count; i++)
        {
            var part = items.Slice(i << Shift, Math.Min(Mask + 1, items.Length - (i << Shift)));
            list._segments[i] = part.ToArray();
        }

        list._segmentCount = count;
        list._current = count > 0 ? list._segments[count - 1] : [];
        list.Count = items.Length;
        return list;
    }

    public void Add(T item)
    {
        var at = Count & Mask;
        if (Count >> Shift == _segmentCount - 1 && at < _current.Length)
        {
            _current[at] = item;
            Count++;
            return;
        }

        AddToNewSpace(item);
    }

    /// <summary>Adds an item past the end of the last segment: grows it, or starts a new one.</summary>
    private void AddToNewSpace(T item)
    {
        if ((Count & Mask) == 0 && Count >> Shift == _segmentCount)
        {
            if (_segmentCount == _segments.Length)
            {
                Array.Resize(ref _segments, Math.Max(4, _segments.Length * 2));
            }

            // Small lists start small; full-size segments follow.
            _segments[_segmentCount++] = new T[Count == 0 ? Math.Min(16, Mask + 1) : Mask + 1];
        }

        var segment = _segments[Count >> Shift];
        var at = Count & Mask;
        if (at == segment.Length)
        {
            Array.Resize(ref segment, Math.Min(segment.Length * 2, Mask + 1));
            _segments[Count >> Shift] = segment;
        }

        segment[at] = item;
        _current = segment;
        Count++;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _segments[i >> Shift][i & Mask];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The largest power of two of elements whose array stays under the 85,000-byte threshold.
    private static int ShiftFor(int size)
    {
        var shift = 4;
        while (((1 << (shift + 1)) * size) + 64 < 85_000)
        {
            shift++;
        }

        return shift;
    }
}
