using Lineage.Lineage;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Registry;
using Lineage.Store.Rules;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    public Task<Page<long>?> ListAsync(ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var shape = ListShape.Of(query.Kind);
        var key = shape.Key(query.Order.Field);
        var (where, args) = Filter(shape, query);
        var direction = query.Order.Descending ? "DESC" : "ASC";
        var after = query.Order.Descending ? "<" : ">";
        return _database.ReadAsync<Page<long>?>(async s =>
        {
            var cursor = "1";
            if (query.Page.AfterKey > 0)
            {
                var found = await s.ScalarAsync<long?>(
                    $"SELECT count(*) FROM {shape.Table} t WHERE t.id = $after AND t.{shape.Parent} = $parent",
                    cancellationToken,
                    ("$after", query.Page.AfterKey),
                    ("$parent", query.Parent)).ConfigureAwait(false);
                if (found != 1)
                {
                    return null;
                }

                // The item before the page is found again by id, so the cursor holds no value of the order.
                cursor = $"({key}, t.id) {after} (SELECT {key}, t.id FROM {shape.Table} t WHERE t.id = $after)";
            }

            var rows = await s.QueryAsync(
                $"SELECT t.id FROM {shape.Table} t WHERE t.{shape.Parent} = $parent AND {where} AND {cursor} ORDER BY {shape.OrderKey(query.Order.Field)} {direction}, t.id {direction} {Rows.Limit("$limit")}",
                r => new PageItem<long>(r.GetInt64(0), r.GetInt64(0)),
                cancellationToken,
                [.. args, ("$parent", query.Parent), ("$after", query.Page.AfterKey), ("$limit", query.Page.First + 1)]).ConfigureAwait(false);
            return Paging.Take(rows, query.Page.First);
        }, cancellationToken);
    }

    public async Task<int> CountListAsync(ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);

        // A project's runs or artifacts kept by type alone are counted in the in-memory graph.
        if (TypedNodes(query.Kind) is { } kind && query.Filter with { Types = null } == ListFilter.None && !_database.InUnitThatWrote)
        {
            await EnsureGraphCurrentAsync(cancellationToken).ConfigureAwait(false);
            if (_graph.CountByType(kind, query.Parent, query.Filter.Types) is { } counted)
            {
                return counted;
            }
        }

        return await CountStoredAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The node kind whose rows a list of a project holds, for the lists the in-memory graph counts by type.</summary>
    private static NodeKind? TypedNodes(ListKind kind) => kind switch
    {
        ListKind.ProjectRuns => NodeKind.Run,
        ListKind.ProjectArtifacts => NodeKind.Artifact,
        _ => null,
    };

    private Task<int> CountStoredAsync(ListQuery query, CancellationToken cancellationToken)
    {
        var shape = ListShape.Of(query.Kind);
        var (where, args) = Filter(shape, query);
        return _database.ReadAsync(
            async s => (int)(await s.ScalarAsync<long>(
                $"SELECT count(*) FROM {shape.Table} t WHERE t.{shape.Parent} = $parent AND {where}",
                cancellationToken,
                [.. args, ("$parent", query.Parent)]).ConfigureAwait(false)),
            cancellationToken,
            oneStatement: true);
    }

    public async Task<IReadOnlyList<Tally>> TallyAsync(TallyKind kind, long projectId, int first, CancellationToken cancellationToken)
    {
        // Types never change, so the in-memory graph counts them as rows arrive; states are read.
        if (kind is TallyKind.JobTypes or TallyKind.ArtifactTypes && !_database.InUnitThatWrote)
        {
            await EnsureGraphCurrentAsync(cancellationToken).ConfigureAwait(false);
            if (_graph.TallyByType(kind == TallyKind.JobTypes ? NodeKind.Run : NodeKind.Artifact, projectId, first) is { } tallied)
            {
                return tallied;
            }
        }

        return await TallyStoredAsync(kind, projectId, first, cancellationToken).ConfigureAwait(false);
    }

    private Task<IReadOnlyList<Tally>> TallyStoredAsync(TallyKind kind, long projectId, int first, CancellationToken cancellationToken)
    {
        var (table, column) = kind switch
        {
            TallyKind.JobTypes => ("runs", "job_type"),
            TallyKind.ArtifactTypes => ("artifacts", "type"),
            TallyKind.RunStates => ("runs", "state"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return _database.ReadAsync<IReadOnlyList<Tally>>(
            async s => await s.QueryAsync(
                $"SELECT {column}, count(*) AS n FROM {table} WHERE project_id = $project GROUP BY {column} ORDER BY n DESC, {column} IS NULL, {column} {Rows.Limit("$first")}",
                r => new Tally(r.IsDBNull(0) ? null : r.GetString(0), r.GetInt32(1)),
                cancellationToken,
                ("$project", projectId),
                ("$first", first)).ConfigureAwait(false),
            cancellationToken,
            oneStatement: true);
    }

    /// <summary>The conditions of a query's filter over the list's table <c>t</c>, with their parameters.</summary>
    private static (string Where, (string Name, object? Value)[] Args) Filter(ListShape shape, ListQuery query)
    {
        var f = query.Filter;
        var where = new List<string> { "1" };
        var args = new List<(string, object?)>();
        if (f.Types is not null)
        {
            where.Add($"t.{shape.TypeColumn} IN (SELECT value FROM json_each($types))");
            args.Add(("$types", Rows.Strings(f.Types)));
        }

        if (f.States is not null)
        {
            where.Add("t.state IN (SELECT value FROM json_each($states))");
            args.Add(("$states", Rows.Strings(f.States.Select(Rows.FormatState))));
        }

        if (f.CreatedBy is not null)
        {
            where.Add("t.created_by = $by");
            args.Add(("$by", f.CreatedBy));
        }

        if (f.CreatedAfter is { } from)
        {
            where.Add("t.created_at >= $from");
            args.Add(("$from", Time.Format(from)));
        }

        if (f.CreatedBefore is { } until)
        {
            where.Add("t.created_at < $until");
            args.Add(("$until", Time.Format(until)));
        }

        if (f.NameContains is not null)
        {
            where.Add("instr(lower(t.name), lower($text)) > 0");
            args.Add(("$text", f.NameContains));
        }

        if (f.Name is not null)
        {
            where.Add("t.name = $name");
            args.Add(("$name", f.Name));
        }

        if (f.Aliases is not null)
        {
            // latest is kept on the newest version, not stored.
            where.Add("""
                (EXISTS (SELECT 1 FROM version_aliases x WHERE x.version_id = t.id AND x.alias IN (SELECT value FROM json_each($aliases)))
                 OR ($latest AND t.version_index = (SELECT max(m.version_index) FROM artifact_versions m WHERE m.artifact_id = t.artifact_id)))
                """);
            args.Add(("$aliases", Rows.Strings(f.Aliases)));
            args.Add(("$latest", f.Aliases.Contains(Names.NameRules.Latest)));
        }

        if (f.Tags is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM tags g WHERE g.target_kind = $tagKind AND g.target_id = t.id AND g.tag IN (SELECT value FROM json_each($tags)))");
            args.Add(("$tagKind", RegistryRules.TagKind(shape.Tags ?? throw new InvalidOperationException($"{query.Kind} has no tags"))));
            args.Add(("$tags", Rows.Strings(f.Tags)));
        }

        return (string.Join(" AND ", where), [.. args]);
    }

    /// <summary>A list's table, the column naming its parent, and the columns its filters and orders read.</summary>
    private sealed record ListShape(string Table, string Parent, string TypeColumn, TagTarget? Tags)
    {
        public static ListShape Of(ListKind kind) => kind switch
        {
            ListKind.ProjectRuns => new("runs", "project_id", "job_type", null),
            ListKind.ProjectArtifacts => new("artifacts", "project_id", "type", null),
            ListKind.ArtifactVersions => new("artifact_versions", "artifact_id", "", TagTarget.Version),
            ListKind.RegistryCollections => new("collections", "registry_id", "type", TagTarget.Collection),
            ListKind.NamespaceProjects => new("projects", "namespace_id", "", null),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        /// <summary>
        /// What the page is sorted by: the key itself, except that a run without a job type sorts
        /// by its null, which orders as the key's '' does (no type is empty) and lets the index
        /// give the order.
        /// </summary>
        public string OrderKey(ListOrderField field) => field == ListOrderField.Type ? $"t.{TypeColumn}" : Key(field);

        /// <summary>The value a cursor's item is compared by: never null, so that rows compare.</summary>
        public string Key(ListOrderField field) => field switch
        {
            ListOrderField.CreatedAt => "t.created_at",
            ListOrderField.Name => "t.name",
            ListOrderField.Type => $"coalesce(t.{TypeColumn}, '')",
            ListOrderField.State => "t.state",
            ListOrderField.Version => "t.version_index",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
    }
}
