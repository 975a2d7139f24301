using System.Text.Json;
using Lineage.Application;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;
using Lineage.Store.Rules;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    /// <summary>How many events verification reads at a time.</summary>
    private const int VerifySlice = 1000;

    private const string EventColumns =
        "e.id, e.target_kind, e.target_id, e.target, e.position, e.format, e.action, e.at, e.actor, e.version, e.source, e.source_salt, " +
        "e.alias, e.tag, e.member, e.role, e.visibility, e.request_id, e.subject_id, e.source_namespace_id, e.hash";

    public Task<Page<AuditEventRecord>> GetHistoryAsync(string path, AuditQuery query, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(access);
        return _database.ReadAsync(async s =>
        {
            var target = await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false);
            var (filter, args) = Filter(target, query);
            var order = query.OldestFirst ? "ASC" : "DESC";
            var after = query.OldestFirst ? "e.position > $after" : "($after = 0 OR e.position < $after)";
            var rows = await s.QueryAsync(
                $"SELECT {EventColumns} FROM audit_events e WHERE {filter} AND {after} ORDER BY e.position {order} LIMIT $limit",
                ReadEvent,
                cancellationToken,
                [.. args, ("$after", page.AfterKey), ("$limit", page.First + 1)]).ConfigureAwait(false);
            return new Page<AuditEventRecord>(
                [.. rows.Take(page.First).Select(e => new PageItem<AuditEventRecord>(AuditRules.Redact(e, access), e.Position))],
                rows.Count > page.First);
        }, cancellationToken);
    }

    public Task<int> CountHistoryAsync(string path, AuditQuery query, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        return _database.ReadAsync(async s =>
        {
            var target = await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false);
            var (filter, args) = Filter(target, query);
            return await s.ScalarAsync<int>($"SELECT COUNT(*) FROM audit_events e WHERE {filter}", cancellationToken, args).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<AuditVerification> VerifyAuditHistoryAsync(string path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        return _database.ReadAsync(async s =>
        {
            var target = await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false);
            var kind = AuditChain.TargetKindName(target.Kind);

            // Read in slices, so that a long history is checked without holding it in memory.
            var verifier = new AuditChainVerifier();
            var after = 0L;
            try
            {
                while (true)
                {
                    var slice = await s.QueryAsync(
                        $"SELECT {EventColumns} FROM audit_events e WHERE e.target_kind = $k AND e.target_id = $t AND e.position > $after ORDER BY e.position LIMIT $limit",
                        ReadEvent,
                        cancellationToken,
                        ("$k", kind),
                        ("$t", target.Id),
                        ("$after", after),
                        ("$limit", VerifySlice)).ConfigureAwait(false);
                    if (slice.Count == 0 || !slice.All(verifier.Add))
                    {
                        break;
                    }

                    after = slice[^1].Position;
                }

                var chain = (await s.QueryAsync(
                    "SELECT length, head FROM audit_chains WHERE target_kind = $k AND target_id = $t",
                    r => (Length: r.GetInt64(0), Head: (byte[])r.GetValue(1)),
                    cancellationToken,
                    ("$k", kind),
                    ("$t", target.Id)).ConfigureAwait(false)).FirstOrDefault();
                return verifier.Finish(chain.Length, chain.Head ?? []);
            }
            catch (SqliteException e) when (SqliteErrors.IsCorruption(e))
            {
                // Damage to the stored history is what verification is for: a verdict, not a fault.
                return verifier.Damaged(
                    $"the database file is damaged where this history is stored ({e.Message.Trim()}): the history cannot be read whole. " +
                    $"An operator should run '{SqliteErrors.CheckCommand}' and restore a backup");
            }
        }, cancellationToken);
    }

    /// <summary>The id the next event takes, and the length and head of a target's chain.</summary>
    private static async Task<AuditChainHead> ReadChainHeadAsync(SqliteSession s, AuditTargetKind kind, long targetId, CancellationToken cancellationToken) =>
        (await s.QueryAsync(
            """
            SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM audit_events) AS next_id, c.length, c.head
            FROM (SELECT 1) LEFT JOIN audit_chains c ON c.target_kind = $k AND c.target_id = $t
            """,
            r => new AuditChainHead(
                r.GetInt64(r.GetOrdinal("next_id")),
                r.IsDBNull(r.GetOrdinal("length")) ? 0 : r.GetInt64(r.GetOrdinal("length")),
                r.IsDBNull(r.GetOrdinal("head")) ? [] : (byte[])r.GetValue(r.GetOrdinal("head"))),
            cancellationToken,
            ("$k", AuditChain.TargetKindName(kind)),
            ("$t", targetId)).ConfigureAwait(false))[0];

    /// <summary>Stores an event and makes it its chain's head.</summary>
    private static async Task InsertEventAsync(SqliteSession s, AuditEventRecord e, CancellationToken cancellationToken) =>
        await s.ExecuteAsync(
            """
            INSERT INTO audit_events
                (id, target_kind, target_id, target, position, format, action, at, actor, version, source, source_salt,
                 alias, tag, member, role, visibility, request_id, subject_id, source_namespace_id, hash)
            VALUES ($id, $k, $t, $target, $pos, $format, $action, $at, $actor, $version, $source, $salt,
                    $alias, $tag, $member, $role, $visibility, $request, $subject, $sourceNamespace, $hash);
            INSERT INTO audit_chains (target_kind, target_id, length, head) VALUES ($k, $t, $pos, $hash)
            ON CONFLICT (target_kind, target_id) DO UPDATE SET length = excluded.length, head = excluded.head;
            """,
            cancellationToken,
            ("$id", e.Id),
            ("$k", AuditChain.TargetKindName(e.TargetKind)),
            ("$t", e.TargetId),
            ("$target", e.Target),
            ("$pos", e.Position),
            ("$format", e.Format),
            ("$action", AuditChain.ActionName(e.Action)),
            ("$at", Time.Format(e.At)),
            ("$actor", e.Actor),
            ("$version", e.Version),
            ("$source", e.Source),
            ("$salt", e.SourceSalt),
            ("$alias", e.Alias),
            ("$tag", e.Tag),
            ("$member", e.Member),
            ("$role", e.Role),
            ("$visibility", e.Visibility),
            ("$request", e.RequestId),
            ("$subject", e.SubjectId),
            ("$sourceNamespace", e.SourceNamespaceId),
            ("$hash", e.Hash)).ConfigureAwait(false);

    /// <summary>Appends an event of a change the store makes itself, by the application layer's rule.</summary>
    private Task AppendEventAsync(
        SqliteSession s, AuditTargetKind kind, long targetId, string target, AuditEntry entry, Actor actor, CancellationToken cancellationToken) =>
        AuditLog.AppendAsync(SessionOf(s), kind, targetId, target, entry, actor, cancellationToken);

    /// <summary>The version or link holding an alias, described as audit events name it.</summary>
    private static async Task<AuditSubject?> FindAliasHolderAsync(SqliteSession s, AliasScope scope, string alias, CancellationToken cancellationToken)
    {
        var sql = scope.Kind == AuditTargetKind.Artifact
            ? """
              SELECT v.id, v.version_index, NULL, NULL FROM version_aliases x JOIN artifact_versions v ON v.id = x.version_id
              WHERE x.artifact_id = $scope AND x.alias = $alias
              """
            : """
              SELECT l.id, l.link_index, sn.name || '/' || sp.name || '/' || a.name || ':v' || v.version_index, sp.namespace_id
              FROM link_aliases x
              JOIN collection_links l ON l.id = x.link_id
              JOIN artifact_versions v ON v.id = l.source_version_id
              JOIN artifacts a ON a.id = v.artifact_id
              JOIN projects sp ON sp.id = a.project_id
              JOIN namespaces sn ON sn.id = sp.namespace_id
              WHERE x.collection_id = $scope AND x.alias = $alias
              """;
        return (await s.QueryAsync(
            sql,
            r => new AuditSubject(r.GetInt64(0), $"v{r.GetInt32(1)}", r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt64(3)),
            cancellationToken,
            ("$scope", scope.TargetId),
            ("$alias", alias)).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>
    /// The registry, collection or project artifact a history path names, if the caller may read
    /// its history: VIEWER of the registry (restricted viewers see no history), or of the namespace.
    /// </summary>
    private static async Task<HistoryTarget> RequireHistoryTargetAsync(SqliteSession s, string path, Access access, CancellationToken cancellationToken)
    {
        var parsed = HistoryPath.Parse(path);
        var found = parsed.IsRegistry
            ? (await s.QueryAsync(
                """
                SELECT 'REGISTRY', g.id, g.id, g.namespace_id
                FROM registries g JOIN namespaces n ON n.id = g.namespace_id
                WHERE n.name = $ns AND g.name = $p
                """,
                ReadHistoryTarget,
                cancellationToken,
                ("$ns", parsed.Namespace),
                ("$p", parsed.Parent)).ConfigureAwait(false)).FirstOrDefault()
            : (await s.QueryAsync(
                """
                SELECT 'COLLECTION', c.id, c.registry_id, g.namespace_id
                FROM collections c JOIN registries g ON g.id = c.registry_id JOIN namespaces n ON n.id = g.namespace_id
                WHERE n.name = $ns AND g.name = $p AND c.name = $a
                UNION ALL
                SELECT 'ARTIFACT', a.id, NULL, p.namespace_id
                FROM artifacts a JOIN projects p ON p.id = a.project_id JOIN namespaces n ON n.id = p.namespace_id
                WHERE n.name = $ns AND p.name = $p AND a.name = $a
                """,
                ReadHistoryTarget,
                cancellationToken,
                ("$ns", parsed.Namespace),
                ("$p", parsed.Parent),
                ("$a", parsed.Name)).ConfigureAwait(false)).FirstOrDefault();
        if (found is null)
        {
            throw Missing.HistoryTarget(path);
        }

        var notFound = Missing.HistoryTarget(path).Message;
        if (found.RegistryId is { } registry)
        {
            access.RequireRegistry(registry, parsed.ParentPath.ToString(), Permission.UseRegistryVersions, notFound);
        }
        else
        {
            access.RequireNamespace(found.NamespaceId, parsed.Namespace, Permission.ReadNamespace, notFound);
        }

        return found;
    }

    private static HistoryTarget ReadHistoryTarget(SqliteDataReader r) =>
        new(AuditChain.ParseTargetKind(r.GetString(0)), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetInt64(3));

    private static (string Sql, (string Name, object? Value)[] Args) Filter(HistoryTarget target, AuditQuery query)
    {
        var sql = "e.target_kind = $k AND e.target_id = $t"
            + (query.Actions is null ? "" : " AND e.action IN (SELECT value FROM json_each($actions))")
            + (query.Actor is null ? "" : " AND e.actor = $actor")
            + (query.Since is null ? "" : " AND e.at >= $since")
            + (query.Until is null ? "" : " AND e.at < $until");
        return (sql,
        [
            ("$k", AuditChain.TargetKindName(target.Kind)),
            ("$t", target.Id),
            ("$actions", query.Actions is null ? null : JsonSerializer.Serialize(query.Actions.Select(AuditChain.ActionName))),
            ("$actor", query.Actor),
            ("$since", query.Since is { } since ? Time.Format(since) : null),
            ("$until", query.Until is { } until ? Time.Format(until) : null),
        ]);
    }

    private static AuditEventRecord ReadEvent(SqliteDataReader r) => new(
        r.GetInt64(r.GetOrdinal("id")),
        AuditChain.ParseTargetKind(r.GetString(r.GetOrdinal("target_kind"))),
        r.GetInt64(r.GetOrdinal("target_id")),
        r.GetString(r.GetOrdinal("target")),
        r.GetInt64(r.GetOrdinal("position")),
        AuditChain.ParseAction(r.GetString(r.GetOrdinal("action"))),
        Time.Parse(r.GetString(r.GetOrdinal("at"))),
        r.GetString(r.GetOrdinal("actor")),
        (byte[])r.GetValue(r.GetOrdinal("hash")))
    {
        Format = r.GetInt32(r.GetOrdinal("format")),
        Version = Rows.NullableString(r, "version"),
        Source = Rows.NullableString(r, "source"),
        SourceSalt = r.IsDBNull(r.GetOrdinal("source_salt")) ? null : (byte[])r.GetValue(r.GetOrdinal("source_salt")),
        Alias = Rows.NullableString(r, "alias"),
        Tag = Rows.NullableString(r, "tag"),
        Member = Rows.NullableString(r, "member"),
        Role = Rows.NullableString(r, "role"),
        Visibility = Rows.NullableString(r, "visibility"),
        RequestId = Rows.NullableString(r, "request_id"),
        SubjectId = r.IsDBNull(r.GetOrdinal("subject_id")) ? null : r.GetInt64(r.GetOrdinal("subject_id")),
        SourceNamespaceId = r.IsDBNull(r.GetOrdinal("source_namespace_id")) ? null : r.GetInt64(r.GetOrdinal("source_namespace_id")),
    };

    private sealed record HistoryTarget(AuditTargetKind Kind, long Id, long? RegistryId, long NamespaceId);
}
