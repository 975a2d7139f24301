using Lineage.Listing;
using Lineage.Model;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    public async Task<Page<long>?> ListAsync(ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var row = await ReadAsync(
            s => s.RowAsync(
                $"lists/{ListName(query.Kind)}",
                cancellationToken,
                [.. ListFilter(query), ("field", OrderName(query.Order.Field)), ("descending", query.Order.Descending), ("after", query.Page.AfterKey), ("limit", query.Page.First + 1)]),
            cancellationToken).ConfigureAwait(false);
        if (row is null || (query.Page.AfterKey > 0 && !row.Bool("found")))
        {
            return null;
        }

        var ids = row["ids"].EnumerateArray().Select(e => e.GetInt64()).ToList();
        return new Page<long>([.. ids.Take(query.Page.First).Select(id => new PageItem<long>(id, id))], ids.Count > query.Page.First);
    }

    public async Task<int> CountListAsync(ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var row = await ReadAsync(
            s => s.RowAsync($"lists/{ListName(query.Kind)}-count", cancellationToken, ListFilter(query)),
            cancellationToken).ConfigureAwait(false);
        return (int)row!.Long("count");
    }

    public Task<IReadOnlyList<Tally>> TallyAsync(TallyKind kind, long projectId, int first, CancellationToken cancellationToken)
    {
        var name = kind switch
        {
            TallyKind.JobTypes => "job-types",
            TallyKind.ArtifactTypes => "artifact-types",
            TallyKind.RunStates => "run-states",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return ReadAsync<IReadOnlyList<Tally>>(
            async s => await s.QueryAsync(
                $"tallies/{name}",
                r => new Tally(r.NullableString("value"), (int)r.Long("count")),
                cancellationToken,
                ("projectId", projectId),
                ("first", first)).ConfigureAwait(false),
            cancellationToken);
    }

    private static string ListName(ListKind kind) => kind switch
    {
        ListKind.ProjectRuns => "project-runs",
        ListKind.ProjectArtifacts => "project-artifacts",
        ListKind.ArtifactVersions => "artifact-versions",
        ListKind.RegistryCollections => "registry-collections",
        ListKind.NamespaceProjects => "namespace-projects",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string OrderName(ListOrderField field) => field switch
    {
        ListOrderField.CreatedAt => "CREATED_AT",
        ListOrderField.Name => "NAME",
        ListOrderField.Type => "TYPE",
        ListOrderField.State => "STATE",
        ListOrderField.Version => "VERSION",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>The parent and the filter's parameters that the list's statement takes (each statement names only its own).</summary>
    private static (string Name, object? Value)[] ListFilter(ListQuery query)
    {
        var f = query.Filter;
        (string, object?)[] all =
        [
            ("types", f.Types?.ToArray()),
            ("states", f.States?.Select(FormatState).ToArray()),
            ("createdBy", f.CreatedBy),
            ("createdAfter", f.CreatedAfter is { } from ? Cypher.FormatTime(from) : null),
            ("createdBefore", f.CreatedBefore is { } until ? Cypher.FormatTime(until) : null),
            ("nameContains", f.NameContains),
            ("name", f.Name),
            ("aliases", f.Aliases?.ToArray()),
            ("tags", f.Tags?.ToArray()),
        ];
        var taken = query.Kind switch
        {
            ListKind.ProjectRuns => new[] { "types", "states", "createdBy", "createdAfter", "createdBefore", "nameContains", "name" },
            ListKind.ProjectArtifacts => ["types", "createdAfter", "createdBefore", "nameContains", "name"],
            ListKind.ArtifactVersions => ["createdBy", "createdAfter", "createdBefore", "aliases", "tags"],
            ListKind.RegistryCollections => ["types", "createdBy", "createdAfter", "createdBefore", "nameContains", "name", "tags"],
            ListKind.NamespaceProjects => ["createdBy", "createdAfter", "createdBefore", "nameContains", "name"],
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Kind, null),
        };
        return [("parent", query.Parent), .. all.Where(p => taken.Contains(p.Item1))];
    }
}
