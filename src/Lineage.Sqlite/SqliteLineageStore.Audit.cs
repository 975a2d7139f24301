using System.Diagnostics;
using System.Text.Json;
using Lineage.Audit;
using Lineage.Store;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore
{
    // ReadEvent reads these by position.
    private const string EventColumns =
        "e.id, e.target_kind, e.target_id, e.target, e.position, e.format, e.action, e.at, e.actor, e.version, e.source, e.source_salt, " +
        "e.alias, e.tag, e.member, e.role, e.visibility, e.request_id, e.subject_id, e.source_namespace_id, e.hash";

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

    /// <summary>
    /// Events by id, in the order of <paramref name="ids"/>. A committed event never changes, so a
    /// kept one serves whatever was written since, yet only for <see cref="ExternalWritesVisibleWithin"/>:
    /// a file changed behind the service's back shows in history as soon as verification reports it.
    /// </summary>
    private async Task<IReadOnlyList<AuditEventRecord>> EventsAsync(SqliteSession s, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var readAt = Stopwatch.GetTimestamp();
        var found = new AuditEventRecord?[ids.Count];
        List<long>? missing = null;
        for (var i = 0; i < ids.Count; i++)
        {
            if (_events.TryGet(ids[i], CommittedEvents, out var kept))
            {
                found[i] = kept;
            }
            else
            {
                (missing ??= []).Add(ids[i]);
            }
        }

        if (missing is not null)
        {
            var read = (await s.QueryAsync(
                $"SELECT {EventColumns} FROM json_each($ids) j JOIN audit_events e ON e.id = j.value",
                ReadEvent,
                cancellationToken,
                ("$ids", JsonSerializer.Serialize(missing))).ConfigureAwait(false)).ToDictionary(e => e.Id);
            for (var i = 0; i < ids.Count; i++)
            {
                found[i] ??= read.GetValueOrDefault(ids[i]);
            }

            KeepEvents(read.Values, readAt);
        }

        return [.. found.OfType<AuditEventRecord>()];
    }

    /// <summary>
    /// Keeps events read from the file by a read that began at <paramref name="readAt"/>, unless
    /// the unit reading them has written. Verification keeps what it reads too: history then shows
    /// what verification checked, even if the file was changed since the events were first kept.
    /// </summary>
    private void KeepEvents(IEnumerable<AuditEventRecord> events, long readAt)
    {
        // A unit that has written may yet roll its events back, and their ids be taken again.
        if (_database.InUnitThatWrote)
        {
            return;
        }

        foreach (var e in events)
        {
            _events.Put(e.Id, e, CommittedEvents, readAt);
        }
    }

    /// <summary>An event from a row of <see cref="EventColumns"/>, read by position: a history page reads hundreds of fields.</summary>
    private static AuditEventRecord ReadEvent(SqliteDataReader r) => new(
        r.GetInt64(0),
        AuditChain.ParseTargetKind(r.GetString(1)),
        r.GetInt64(2),
        r.GetString(3),
        r.GetInt64(4),
        AuditChain.ParseAction(r.GetString(6)),
        Time.Parse(r.GetString(7)),
        r.GetString(8),
        (byte[])r.GetValue(20))
    {
        Format = r.GetInt32(5),
        Version = r.IsDBNull(9) ? null : r.GetString(9),
        Source = r.IsDBNull(10) ? null : r.GetString(10),
        SourceSalt = r.IsDBNull(11) ? null : (byte[])r.GetValue(11),
        Alias = r.IsDBNull(12) ? null : r.GetString(12),
        Tag = r.IsDBNull(13) ? null : r.GetString(13),
        Member = r.IsDBNull(14) ? null : r.GetString(14),
        Role = r.IsDBNull(15) ? null : r.GetString(15),
        Visibility = r.IsDBNull(16) ? null : r.GetString(16),
        RequestId = r.IsDBNull(17) ? null : r.GetString(17),
        SubjectId = r.IsDBNull(18) ? null : r.GetInt64(18),
        SourceNamespaceId = r.IsDBNull(19) ? null : r.GetInt64(19),
    };
}
