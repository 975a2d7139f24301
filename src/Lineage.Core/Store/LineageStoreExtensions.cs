using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Store;

/// <summary>Look-ups that must find what they name; the not-found messages are written here once.</summary>
public static class LineageStoreExtensions
{
    public static async Task<ProjectRecord> RequireProjectAsync(this ILineageStore store, ProjectPath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.FindProjectAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"project '{path}' not found");
    }

    public static async Task<RunRecord> RequireRunAsync(this ILineageStore store, RunPath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.FindRunAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"run '{path}' not found");
    }

    public static async Task<VersionRecord> RequireVersionAsync(this ILineageStore store, VersionRef name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.FindVersionAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"artifact version '{name}' not found");
    }
}
