using GraphQL;
using GraphQL.DataLoader;
using Lineage.Audit;
using Lineage.Model;
using Lineage.Registry;
using Lineage.Server.GraphQL.Loading;

namespace Lineage.Server.GraphQL.Registry;

/// <summary>Versions and aliases as a history shows them at a past time (<c>asOf</c>).</summary>
internal static class PastVersions
{
    public const string AsOfDescription = "A past time: the answer is rebuilt from the audit history as it stood then. Not in the future, not before the record began.";

    public static DateTimeOffset Now(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();

    public static DateTimeOffset? AsOf(IResolveFieldContext context) => Args.Utc(context.GetArgument<DateTime?>("asOf"));

    /// <summary>A collection's linked versions at <paramref name="asOf"/>, paged by index; every one counted.</summary>
    public static async Task<Connection<VersionRecord>> CollectionAsync(IResolveFieldContext context, CollectionRecord collection, DateTimeOffset asOf)
    {
        var lineage = context.Lineage();
        var page = Args.Page(context);
        AsOfRules.Check(asOf, Now(context), collection.CreatedAt, $"'{collection.Path}'");

        // One replay of the history per request and time, shared with the aliases asked at that time.
        var held = await lineage.Loaders.PastVersions.Load((collection.Path, asOf)).GetResultAsync(context.CancellationToken).ConfigureAwait(false) ?? [];

        // Keys are index + 1, so that the first version's cursor is not the start.
        var rest = held.Where(v => v.Index + 1 > page.AfterKey).ToList();
        var records = await lineage.Registries.PastLinksAsync(collection, [.. rest.Take(page.First)], context.CancellationToken).ConfigureAwait(false);
        var items = records.Select(r => new PageItem<VersionRecord>(r, r.VersionIndex + 1L)).ToList();
        return new Connection<VersionRecord>(items, rest.Count > page.First, page.AfterKey > 0, () => new Deferred<int>(_ => Task.FromResult(held.Count)));
    }

    /// <summary>A version's aliases at <paramref name="asOf"/>: its artifact's or collection's history replayed once per request and time.</summary>
    public static IDataLoaderResult<IReadOnlyList<string>> Aliases(IResolveFieldContext context, VersionRecord version, DateTimeOffset asOf)
    {
        AsOfRules.Check(asOf, Now(context), version.CreatedAt, $"'{version.QualifiedName}'");
        var path = $"{version.Namespace}/{version.Project}/{version.ArtifactName}";
        return context.Lineage().Loaders.PastVersions.Load((path, asOf)).Then(held =>
            held!.FirstOrDefault(v => v.Index == version.VersionIndex)?.Aliases ?? (IReadOnlyList<string>)[]);
    }
}
