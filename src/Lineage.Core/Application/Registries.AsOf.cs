using Lineage.Audit;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;

namespace Lineage.Application;

public sealed partial class Registries
{
    /// <summary>How many events one read of a replayed history takes.</summary>
    private const int ReplaySlice = 1000;

    /// <summary>
    /// The versions a collection (<c>acme/models/zoo-classifier</c>) or project artifact
    /// (<c>acme/zoo/dataset</c>) held at <paramref name="asOf"/>, with their aliases then,
    /// rebuilt from its history; the caller needs what reading that history needs, and checks
    /// <paramref name="asOf"/> first with <see cref="AsOfRules.Check"/> against what it asks about.
    /// </summary>
    public Task<IReadOnlyList<PastVersion>> HeldAtAsync(string path, DateTimeOffset asOf, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        return store.ReadAsync<IReadOnlyList<PastVersion>>(async s =>
        {
            var target = await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false);
            var query = new AuditQuery(HistoryReplay.Actions, Until: AsOfRules.Through(asOf), OldestFirst: true);
            var replay = new HistoryReplay();
            for (var after = 0L; ;)
            {
                var slice = await s.PageEventsAsync(target, query, new PageRequest(ReplaySlice, after), cancellationToken).ConfigureAwait(false);
                foreach (var e in slice.Take(ReplaySlice))
                {
                    replay.Apply(e);
                }

                if (slice.Count <= ReplaySlice)
                {
                    return replay.Held();
                }

                after = slice[ReplaySlice - 1].Position;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// The linked versions of <paramref name="past"/> as records: a link that still exists as it
    /// is now, with its aliases then; one unlinked since, rebuilt from its source as the link
    /// showed it. A linked version shows its source's content to whoever sees the collection,
    /// so a rebuilt one does too; its <c>source</c> stays hidden from callers without a role there.
    /// </summary>
    public Task<IReadOnlyList<VersionRecord>> PastLinksAsync(CollectionRecord collection, IReadOnlyList<PastVersion> past, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(past);
        return store.ReadAsync<IReadOnlyList<VersionRecord>>(async s =>
        {
            var current = (await records.GetLinksAsync([.. past.Where(p => p.SubjectId is not null).Select(p => p.SubjectId!.Value)], cancellationToken).ConfigureAwait(false))
                .ToDictionary(v => v.Link!.Id);
            var rebuilt = new List<VersionRecord>();
            foreach (var version in past)
            {
                if (version.SubjectId is { } linkId && current.TryGetValue(linkId, out var link))
                {
                    rebuilt.Add(link with { Aliases = version.Aliases });
                }
                else if (version.Source is not null
                    && await s.FindVersionAsync(VersionRef.Parse(version.Source), cancellationToken).ConfigureAwait(false) is { } source)
                {
                    rebuilt.Add(source.UnlinkedFrom(collection, version.Index, version.EventId, version.At, version.Actor, version.Aliases));
                }
            }

            return rebuilt;
        }, cancellationToken);
    }
}
