using Lineage.Model;
using Lineage.Store;

namespace Lineage.Application;

/// <summary>The kinds of things that can be fetched again by id alone.</summary>
public enum NodeType
{
    Project,
    Run,
    Artifact,
    Version,
    Link,
    Collection,
    Registry,
    Namespace,
    Principal,
}

/// <summary>
/// Finds things by type and store id, many at once with one store call per type, and leaves
/// out (as null) whatever does not exist or the caller may not see, so that an id never tells
/// a caller more than its path would.
/// </summary>
public sealed class NodeLookup(ILineageStore lineage, Identities identities, Registries registries)
{
    /// <summary>What each of <paramref name="nodes"/> names, in order; null where nothing the caller may see is.</summary>
    public async Task<IReadOnlyList<object?>> FindAsync(IReadOnlyList<(NodeType Type, long Id)> nodes, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(actor);
        var access = actor.Access;
        var found = new Dictionary<(NodeType, long), object>();
        foreach (var group in nodes.GroupBy(n => n.Type))
        {
            var ids = group.Select(n => n.Id).Distinct().ToList();
            IEnumerable<(long Id, object Record, bool Visible)> records = group.Key switch
            {
                NodeType.Project => (await lineage.GetProjectsAsync(ids, cancellationToken).ConfigureAwait(false))
                    .Select(p => (p.Id, (object)p, access.CanSeeNamespace(p.NamespaceId))),
                NodeType.Run => (await lineage.GetRunsAsync(ids, cancellationToken).ConfigureAwait(false))
                    .Select(r => (r.Id, (object)r, access.CanSeeNamespace(r.NamespaceId))),
                NodeType.Artifact => (await lineage.GetArtifactsAsync(ids, cancellationToken).ConfigureAwait(false))
                    .Select(a => (a.Id, (object)a, access.CanSeeNamespace(a.NamespaceId))),
                NodeType.Version => (await lineage.GetVersionsAsync(ids, cancellationToken).ConfigureAwait(false))
                    .Select(v => (v.Id, (object)v, access.CanSee(v))),
                NodeType.Link => (await registries.GetLinksAsync(ids, cancellationToken).ConfigureAwait(false))
                    .Select(l => (l.Link!.Id, (object)l, access.CanSee(l))),
                NodeType.Collection => (await registries.GetCollectionsAsync(ids, cancellationToken).ConfigureAwait(false))
                    .Select(c => (c.Id, (object)c, access.CanSeeRegistry(c.RegistryId))),
                NodeType.Registry => (await identities.GetRegistriesAsync(ids, cancellationToken).ConfigureAwait(false))
                    .Select(g => (g.Id, (object)g, access.CanSeeRegistry(g.Id))),
                NodeType.Namespace => (await identities.GetNamespacesAsync(ids, cancellationToken).ConfigureAwait(false))
                    .Select(n => (n.Id, (object)n, access.CanSeeNamespace(n.Id))),
                _ => await PrincipalsAsync(ids, actor, cancellationToken).ConfigureAwait(false),
            };
            foreach (var (id, record, visible) in records)
            {
                if (visible)
                {
                    found[(group.Key, id)] = record;
                }
            }
        }

        return [.. nodes.Select(n => found.GetValueOrDefault(n))];
    }

    /// <summary>A principal is seen by itself and by site administrators.</summary>
    private async Task<IEnumerable<(long, object, bool)>> PrincipalsAsync(IReadOnlyList<long> ids, Actor actor, CancellationToken cancellationToken)
    {
        var allowed = ids.Where(id => actor.IsAdministrator || id == actor.PrincipalId).ToList();
        return allowed.Count == 0
            ? []
            : (await identities.GetPrincipalsAsync(allowed, cancellationToken).ConfigureAwait(false)).Select(p => (p.Id, (object)p, true));
    }
}
