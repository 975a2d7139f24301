using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Store;

/// <summary>Look-ups by name among what the caller may see: hidden things are answered as missing ones.</summary>
public static class LineageStoreExtensions
{
    public static Task<ProjectRecord?> FindProjectAsync(this ILineageStore store, ProjectPath path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync(
            async s => await s.FindProjectAsync(path, cancellationToken).ConfigureAwait(false) is { } found && access.CanSeeNamespace(found.NamespaceId) ? found : null,
            cancellationToken);
    }

    public static Task<RunRecord?> FindRunAsync(this ILineageStore store, RunPath path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync(
            async s => await s.FindRunAsync(path, cancellationToken).ConfigureAwait(false) is { } found && access.CanSeeNamespace(found.NamespaceId) ? found : null,
            cancellationToken);
    }

    /// <summary>A project version, or a linked version when the name's project is a registry.</summary>
    public static Task<VersionRecord?> FindVersionAsync(this ILineageStore store, VersionRef name, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync(
            async s => await s.FindVersionAsync(name, cancellationToken).ConfigureAwait(false) is { } found && access.CanSee(found) ? found : null,
            cancellationToken);
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
}
