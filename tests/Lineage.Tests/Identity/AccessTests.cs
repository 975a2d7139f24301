using Lineage.Identity;

namespace Lineage.Tests.Identity;

public sealed class AccessTests
{
    [Fact]
    public void a_namespace_is_seen_exactly_when_a_role_is_held_in_it_whatever_its_id()
    {
        long[] granted = [1, 7, 65_535, 65_536, 3_000_000_000];
        var access = Access.Of(granted.ToDictionary(id => id, _ => Role.Viewer), new Dictionary<long, Role>());

        foreach (var id in granted)
        {
            Assert.True(access.CanSeeNamespace(id), $"namespace {id} is granted");
            Assert.Equal(Role.Viewer, access.NamespaceRole(id));
        }

        foreach (var id in new long[] { -1, 0, 2, 6, 8, 65_534, 65_537, 2_999_999_999, long.MaxValue, long.MinValue })
        {
            Assert.False(access.CanSeeNamespace(id), $"namespace {id} is not granted");
            Assert.Null(access.NamespaceRole(id));
        }

        Assert.False(Access.None.CanSeeNamespace(1));
        Assert.True(Access.Administrator.CanSeeNamespace(123_456_789));
    }
}
