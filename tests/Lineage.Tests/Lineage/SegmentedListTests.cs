using Lineage.Lineage;

namespace Lineage.Tests.Lineage;

public sealed class SegmentedListTests
{
    [Fact]
    public void items_come_back_in_order_across_many_segments()
    {
        var list = new SegmentedList<LineageEdge>();
        var expected = Enumerable.Range(0, 50_000).Select(i => new LineageEdge(NodeRef.Run(i), NodeRef.Version(i + 1), EdgeKind.Logged)).ToList();

        foreach (var item in expected)
        {
            list.Add(item);
        }

        Assert.Equal(expected.Count, list.Count);
        Assert.Equal(expected, list);
        Assert.Equal(expected[12_345], list[12_345]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[50_000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
        Assert.Empty(new SegmentedList<int>());
    }
}
