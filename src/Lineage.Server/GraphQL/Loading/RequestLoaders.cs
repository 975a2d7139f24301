using GraphQL.DataLoader;
using Lineage.Application;
using Lineage.Audit;
using Lineage.Identity;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Registry;
using Lineage.Store;

namespace Lineage.Server.GraphQL.Loading;

/// <summary>
/// The batch loaders of one request. Every nested walk of the schema goes through them, so a
/// query costs a fixed number of store calls per level, whatever the page sizes.
/// </summary>
internal sealed class RequestLoaders
{
    private readonly ILineageStore _store;

    public RequestLoaders(ILineageStore store, Identities identities, Registries registryStore, Access access)
    {
        _store = store;
        PastVersions = new BatchLoader<(string Path, DateTimeOffset AsOf), IReadOnlyList<PastVersion>>(async (keys, ct) =>
        {
            var held = new Dictionary<(string, DateTimeOffset), IReadOnlyList<PastVersion>>();
            foreach (var key in keys.Distinct())
            {
                // Each version has checked asOf against its own start before asking.
                held[key] = await registryStore.HeldAtAsync(key.Path, key.AsOf, access, ct).ConfigureAwait(false);
            }

            return held;
        });
        Collections = new BatchLoader<long, CollectionRecord>(async (ids, ct) =>
            (await registryStore.GetCollectionsAsync(ids, ct).ConfigureAwait(false)).ToDictionary(c => c.Id));
        Links = new BatchLoader<long, VersionRecord>(async (ids, ct) =>
            (await registryStore.GetLinksAsync(ids, ct).ConfigureAwait(false)).ToDictionary(v => v.Link!.Id));
        Tags = new BatchLoader<(TagTarget Target, long Id), IReadOnlyList<string>>(async (keys, ct) =>
        {
            var tags = new Dictionary<(TagTarget, long), IReadOnlyList<string>>();
            foreach (var group in keys.GroupBy(k => k.Target))
            {
                var found = await registryStore.GetTagsAsync(group.Key, [.. group.Select(k => k.Id).Distinct()], ct).ConfigureAwait(false);
                foreach (var key in group)
                {
                    tags[key] = found[key.Id];
                }
            }

            return tags;
        });
        Registries = new BatchLoader<long, RegistryRecord>(async (ids, ct) =>
            (await identities.GetRegistriesAsync(ids, ct).ConfigureAwait(false)).ToDictionary(r => r.Id));
        Projects = new BatchLoader<long, ProjectRecord>(async (ids, ct) =>
            (await store.GetProjectsAsync(ids, ct).ConfigureAwait(false)).ToDictionary(p => p.Id));
        Runs = new BatchLoader<long, RunRecord>(async (ids, ct) =>
            (await store.GetRunsAsync(ids, ct).ConfigureAwait(false)).ToDictionary(r => r.Id));
        Artifacts = new BatchLoader<long, ArtifactRecord>(async (ids, ct) =>
            (await store.GetArtifactsAsync(ids, ct).ConfigureAwait(false)).ToDictionary(a => a.Id));
        Versions = new BatchLoader<long, VersionRecord>(async (ids, ct) =>
            (await store.GetVersionsAsync(ids, ct).ConfigureAwait(false)).ToDictionary(v => v.Id));
        Pages = new BatchLoader<PageKey, Page<long>>(async (keys, ct) =>
        {
            var pages = new Dictionary<PageKey, Page<long>>(keys.Count);
            foreach (var group in keys.GroupBy(k => (k.Relation, k.Page)))
            {
                var found = await store.GetPagesAsync(group.Key.Relation, [.. group.Select(k => k.Parent).Distinct()], group.Key.Page, access, ct).ConfigureAwait(false);
                foreach (var key in group)
                {
                    pages[key] = found[key.Parent];
                }
            }

            WantRecords(pages);
            return pages;
        });
        Counts = new BatchLoader<(Relation Relation, long Parent), int>(async (keys, ct) =>
        {
            var counts = new Dictionary<(Relation, long), int>();
            foreach (var group in keys.GroupBy(k => k.Relation))
            {
                var found = await store.CountAsync(group.Key, [.. group.Select(k => k.Parent).Distinct()], access, ct).ConfigureAwait(false);
                foreach (var key in group)
                {
                    counts[key] = found[key.Parent];
                }
            }

            return counts;
        });
    }

    public BatchLoader<long, RegistryRecord> Registries { get; }

    /// <summary>What a collection's or artifact's history held at a time, by its path and the time.</summary>
    public BatchLoader<(string Path, DateTimeOffset AsOf), IReadOnlyList<PastVersion>> PastVersions { get; }

    public BatchLoader<long, CollectionRecord> Collections { get; }

    /// <summary>Linked versions, by link id.</summary>
    public BatchLoader<long, VersionRecord> Links { get; }

    public BatchLoader<(TagTarget Target, long Id), IReadOnlyList<string>> Tags { get; }

    public BatchLoader<long, ProjectRecord> Projects { get; }

    public BatchLoader<long, RunRecord> Runs { get; }

    public BatchLoader<long, ArtifactRecord> Artifacts { get; }

    public BatchLoader<long, VersionRecord> Versions { get; }

    public BatchLoader<PageKey, Page<long>> Pages { get; }

    public BatchLoader<(Relation Relation, long Parent), int> Counts { get; }

    /// <summary>The record loader of each page asked for, whose ids it wants as soon as the page is read.</summary>
    private readonly Dictionary<PageKey, IKeyWanter<long>> _pageRecords = [];

    private void WantRecords(Dictionary<PageKey, Page<long>> pages)
    {
        lock (_pageRecords)
        {
            foreach (var (key, page) in pages)
            {
                if (page.Items.Count > 0 && _pageRecords.TryGetValue(key, out var records))
                {
                    var ids = new long[page.Items.Count];
                    for (var i = 0; i < ids.Length; i++)
                    {
                        ids[i] = page.Items[i].Value;
                    }

                    records.Want(ids);
                }
            }
        }
    }

    // Each returns a pending page: the execution strategy asks every page on a level once it has
    // resolved the level, and the first page asked reads the ids of all of them in one call,
    // which wants their records too; the first page asked for its records then hydrates them
    // all with one more call.
    public IDataLoaderResult RunPage(Relation relation, long parent, PageRequest page) =>
        Page(relation, parent, page, Runs);

    public IDataLoaderResult VersionPage(Relation relation, long parent, PageRequest page) =>
        Page(relation, parent, page, Versions);

    public IDataLoaderResult ProjectPage(Relation relation, long parent, PageRequest page) =>
        Page(relation, parent, page, Projects);

    public IDataLoaderResult RegistryPage(Relation relation, long parent, PageRequest page) =>
        Page(relation, parent, page, Registries);

    public IDataLoaderResult LinkPage(Relation relation, long parent, PageRequest page) =>
        Page(relation, parent, page, Links);

    public IDataLoaderResult CollectionPage(Relation relation, long parent, PageRequest page) =>
        Page(relation, parent, page, Collections);

    public IDataLoaderResult ArtifactPage(Relation relation, long parent, PageRequest page) =>
        Page(relation, parent, page, Artifacts);

    /// <summary>A page of a filtered or ordered list.</summary>
    public IDataLoaderResult List(ListQuery query) => query.Kind switch
    {
        ListKind.ProjectRuns => List(query, Runs),
        ListKind.ProjectArtifacts => List(query, Artifacts),
        ListKind.ArtifactVersions => List(query, Versions),
        ListKind.RegistryCollections => List(query, Collections),
        ListKind.NamespaceProjects => List(query, Projects),
        _ => throw new ArgumentOutOfRangeException(nameof(query), query.Kind, null),
    };

    private PendingConnection<T> List<T>(ListQuery query, BatchLoader<long, T> hydrate) =>
        new ListedConnection<T>(_store, query, hydrate);

    private PendingConnection<T> Page<T>(Relation relation, long parent, PageRequest page, BatchLoader<long, T> hydrate) =>
        new RelationConnection<T>(this, new PageKey(relation, parent, page), hydrate);

    /// <summary>A page of a parent's relation, read with the same page of every parent on its level.</summary>
    private sealed class RelationConnection<T> : PendingConnection<T>
    {
        private readonly RequestLoaders _loaders;
        private readonly PageKey _key;

        public RelationConnection(RequestLoaders loaders, PageKey key, BatchLoader<long, T> records)
            : base(records, key.Page)
        {
            _loaders = loaders;
            _key = key;
            lock (loaders._pageRecords)
            {
                loaders._pageRecords[key] = records;
            }

            loaders.Pages.Want(key);
        }

        protected override bool RecordsWantedWithPages => true;

        protected override async ValueTask<Page<long>> IdsAsync(CancellationToken cancellationToken) =>
            (await _loaders.Pages.ReadAsync(_key, cancellationToken).ConfigureAwait(false))!;

        protected override IDataLoaderResult<int> Count() => _loaders.Counts.Load((_key.Relation, _key.Parent));
    }

    /// <summary>
    /// A page of a filtered or ordered list: read for its parent alone (dashboards ask for one
    /// parent's list at a time), then hydrated with the same batch loaders as every page.
    /// </summary>
    private sealed class ListedConnection<T>(ILineageStore store, ListQuery query, BatchLoader<long, T> records)
        : PendingConnection<T>(records, query.Page)
    {
        protected override async ValueTask<Page<long>> IdsAsync(CancellationToken cancellationToken) =>
            await store.ListPageAsync(query, cancellationToken).ConfigureAwait(false);

        protected override IDataLoaderResult<int> Count() => new Deferred<int>(ct => store.CountListAsync(query, ct));
    }
}
