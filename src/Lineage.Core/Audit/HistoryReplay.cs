using Lineage.Names;

namespace Lineage.Audit;

/// <summary>
/// Rebuilds which versions a collection or artifact held, and their aliases, by replaying its
/// history oldest first: what was linked or logged and not yet unlinked, with the aliases added
/// and not yet removed. <c>latest</c> is derived, never recorded, so it is put back on the
/// newest version held.
/// </summary>
public sealed class HistoryReplay
{
    private readonly SortedDictionary<int, (AuditEventRecord Added, SortedSet<string> Aliases)> _held = [];

    /// <summary>The actions that change what is held: everything else in a history is skipped.</summary>
    public static IReadOnlySet<AuditAction> Actions { get; } = new HashSet<AuditAction>
    {
        AuditAction.VersionLogged, AuditAction.VersionLinked, AuditAction.VersionUnlinked, AuditAction.AliasAdded, AuditAction.AliasRemoved,
    };

    /// <summary>Applies the next event, in the history's order.</summary>
    public void Apply(AuditEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Version is null || !int.TryParse(e.Version.AsSpan(1), out var index))
        {
            return;
        }

        switch (e.Action)
        {
            case AuditAction.VersionLogged or AuditAction.VersionLinked:
                _held[index] = (e, new SortedSet<string>(StringComparer.Ordinal));
                break;
            case AuditAction.VersionUnlinked:
                _held.Remove(index);
                break;
            case AuditAction.AliasAdded when e.Alias is not null && _held.TryGetValue(index, out var holder):
                holder.Aliases.Add(e.Alias);
                break;
            case AuditAction.AliasRemoved when e.Alias is not null && _held.TryGetValue(index, out var holder):
                holder.Aliases.Remove(e.Alias);
                break;
        }
    }

    /// <summary>The versions held after the events applied so far, first index first.</summary>
    public IReadOnlyList<PastVersion> Held()
    {
        var newest = _held.Count == 0 ? -1 : _held.Keys.Max();
        return [.. _held.Select(h => new PastVersion(
            h.Key,
            h.Value.Added.Source,
            [.. h.Value.Aliases, .. h.Key == newest ? new[] { NameRules.Latest } : []],
            h.Value.Added.At,
            h.Value.Added.Actor,
            h.Value.Added.Id,
            h.Value.Added.SubjectId))];
    }
}
