using Lineage.Audit;
using Lineage.Store;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>The id the next event takes, and the length and head of a target's chain.</summary>
    private static async Task<AuditChainHead> ReadChainHeadAsync(Neo4jSession s, AuditTargetKind kind, long targetId, CancellationToken cancellationToken)
    {
        var head = await s.RowAsync("history/head", cancellationToken, ("chain", ChainKey(kind, targetId))).ConfigureAwait(false);
        return new AuditChainHead(head!.Long("nextId"), head.Long("length"), head.NullableString("head") is { } text ? Convert.FromBase64String(text) : []);
    }

    /// <summary>Stores an event and makes it its chain's head.</summary>
    private static async Task InsertEventAsync(Neo4jSession s, AuditEventRecord e, CancellationToken cancellationToken) =>
        await s.RunAsync(
            "history/append",
            cancellationToken,
            ("id", e.Id),
            ("chain", ChainKey(e.TargetKind, e.TargetId)),
            ("targetKind", AuditChain.TargetKindName(e.TargetKind)),
            ("targetId", e.TargetId),
            ("target", e.Target),
            ("position", e.Position),
            ("format", e.Format),
            ("action", AuditChain.ActionName(e.Action)),
            ("at", Cypher.FormatTime(e.At)),
            ("actor", e.Actor),
            ("version", e.Version),
            ("source", e.Source),
            ("sourceSalt", e.SourceSalt is { } salt ? Convert.ToBase64String(salt) : null),
            ("alias", e.Alias),
            ("tag", e.Tag),
            ("member", e.Member),
            ("role", e.Role),
            ("visibility", e.Visibility),
            ("requestId", e.RequestId),
            ("subjectId", e.SubjectId),
            ("sourceNamespaceId", e.SourceNamespaceId),
            ("hash", Convert.ToBase64String(e.Hash))).ConfigureAwait(false);

    /// <summary>The version or link holding an alias, described as audit events name it.</summary>
    private static async Task<AuditSubject?> FindAliasHolderAsync(Neo4jSession s, AliasScope scope, string alias, CancellationToken cancellationToken)
    {
        var row = await s.RowAsync(
            scope.Kind == AuditTargetKind.Artifact ? "aliases/artifact-holder" : "aliases/collection-holder",
            cancellationToken,
            ("key", AliasKey(scope, alias))).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        return scope.Kind == AuditTargetKind.Artifact
            ? new AuditSubject(row.Long("id"), $"v{row.Long("versionIndex")}", null)
            : new AuditSubject(row.Long("id"), $"v{row.Long("versionIndex")}", row.String("source"), row.Long("sourceNamespaceId"));
    }

    private static (string Name, object? Value)[] Filter(HistoryTarget target, AuditQuery query) =>
    [
        ("chain", ChainKey(target.Kind, target.Id)),
        ("actions", query.Actions?.Select(AuditChain.ActionName).ToArray()),
        ("actor", query.Actor),
        ("since", query.Since is { } since ? Cypher.FormatTime(since) : null),
        ("until", query.Until is { } until ? Cypher.FormatTime(until) : null),
    ];

    private static string ChainKey(AuditTargetKind kind, long id) => $"{AuditChain.TargetKindName(kind)}:{id}";

    /// <summary>The key of an alias node: unique per scope and alias.</summary>
    private static string AliasKey(AliasScope scope, string alias) => $"{ChainKey(scope.Kind, scope.TargetId)}:{alias}";
}
