using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Store;

/// <summary>Look-ups that must find what they name, among what the caller may see.</summary>
public static class LineageStoreExtensions
{
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
