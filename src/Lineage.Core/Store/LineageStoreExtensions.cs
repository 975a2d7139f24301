using Lineage.Errors;
using Lineage.Identity;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Store;

/// <summary>Look-ups by name among what the caller may see: hidden things are answered as missing ones.</summary>
public static class LineageStoreExtensions
{
    public static Task<ProjectRecord?> FindProjectAsync(this ILineageStore store, ProjectPath path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(access);
        return FindVisibleAsync(store, s => s.FindProjectAsync(path, cancellationToken), found => access.CanSeeNamespace(found.NamespaceId), cancellationToken);
    }

    public static Task<RunRecord?> FindRunAsync(this ILineageStore store, RunPath path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(access);
        return FindVisibleAsync(store, s => s.FindRunAsync(path, cancellationToken), found => access.CanSeeNamespace(found.NamespaceId), cancellationToken);
    }

    /// <summary>A project version, or a linked version when the name's project is a registry.</summary>
    public static Task<VersionRecord?> FindVersionAsync(this ILineageStore store, VersionRef name, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(access);
        return FindVisibleAsync(store, s => s.FindVersionAsync(name, cancellationToken), access.CanSee, cancellationToken);
    }

    public static async Task<ProjectRecord> RequireProjectAsync(this ILineageStore store, ProjectPath path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.FindProjectAsync(path, access, cancellationToken).ConfigureAwait(false) ?? throw Missing.Project(path);
    }

    public static async Task<RunRecord> RequireRunAsync(this ILineageStore store, RunPath path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.FindRunAsync(path, access, cancellationToken).ConfigureAwait(false) ?? throw Missing.Run(path);
    }

    public static async Task<VersionRecord> RequireVersionAsync(this ILineageStore store, VersionRef name, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.FindVersionAsync(name, access, cancellationToken).ConfigureAwait(false) ?? throw Missing.Version(name);
    }

    /// <summary>One page of a filtered, ordered list; a cursor from another list is refused, naming <c>after</c>.</summary>
    public static async Task<Page<long>> ListPageAsync(this ILineageStore store, ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.ListAsync(query, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidArgumentException("cursor 'after' is not an item of this list: pass an endCursor or edge cursor of the same list")
            {
                Argument = "after",
            };
    }

    /// <summary>What <paramref name="find"/> finds in a read session, when the caller may see it.</summary>
    private static Task<T?> FindVisibleAsync<T>(ILineageStore store, Func<IStoreSession, Task<T?>> find, Func<T, bool> visible, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync(async s => await find(s).ConfigureAwait(false) is { } found && visible(found) ? found : null, cancellationToken);
    }
}
