using Lineage.Application;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>How many events verification reads at a time.</summary>
    private const int VerifySlice = 1000;

    public Task<Page<AuditEventRecord>> GetHistoryAsync(string path, AuditQuery query, PageRequest page, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(access);
        return ReadAsync(async s =>
        {
            var target = await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false);
            var rows = await s.QueryAsync(
                query.OldestFirst ? "history/page-oldest" : "history/page-newest",
                r => Records.Event(r["event"]),
                cancellationToken,
                [.. Filter(target, query), ("after", page.AfterKey), ("limit", page.First + 1)]).ConfigureAwait(false);
            return new Page<AuditEventRecord>(
                [.. rows.Take(page.First).Select(e => new PageItem<AuditEventRecord>(AuditRules.Redact(e, access), e.Position))],
                rows.Count > page.First);
        }, cancellationToken);
    }

    public Task<int> CountHistoryAsync(string path, AuditQuery query, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        return ReadAsync(async s =>
        {
            var target = await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false);
            var row = await s.RowAsync("history/count", cancellationToken, Filter(target, query)).ConfigureAwait(false);
            return (int)row!.Long("count");
        }, cancellationToken);
    }

    public Task<AuditVerification> VerifyAuditHistoryAsync(string path, Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        return ReadAsync(async s =>
        {
            var target = await RequireHistoryTargetAsync(s, path, access, cancellationToken).ConfigureAwait(false);

            // Read in slices, so that a long history is checked without holding it in memory.
            var verifier = new AuditChainVerifier();
            var after = 0L;
            while (true)
            {
                var slice = await s.QueryAsync(
                    "history/slice",
                    r => Records.Event(r["event"]),
                    cancellationToken,
                    ("chain", target.Chain),
                    ("after", after),
                    ("limit", VerifySlice)).ConfigureAwait(false);
                if (slice.Count == 0 || !slice.All(verifier.Add))
                {
                    break;
                }

                after = slice[^1].Position;
            }

            var head = await s.RowAsync("history/head", cancellationToken, ("chain", target.Chain)).ConfigureAwait(false);
            var recorded = head!.NullableString("head") is { } text ? Convert.FromBase64String(text) : [];
            return verifier.Finish(head.Long("length"), recorded);
        }, cancellationToken);
    }

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

    /// <summary>Appends an event of a change the store makes itself, by the application layer's rule.</summary>
    private Task AppendEventAsync(Neo4jSession s, AliasScope scope, AuditEntry entry, Actor actor, CancellationToken cancellationToken) =>
        AuditLog.AppendAsync(SessionOf(s), scope.Kind, scope.TargetId, scope.Target, entry, actor, cancellationToken);

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

    /// <summary>
    /// The registry, collection or project artifact a history path names, if the caller may read
    /// its history: VIEWER of the registry (restricted viewers see no history), or of the namespace.
    /// </summary>
    private static async Task<HistoryTarget> RequireHistoryTargetAsync(Neo4jSession s, string path, Access access, CancellationToken cancellationToken)
    {
        var parsed = HistoryPath.Parse(path);
        var row = await s.RowAsync("history/target", cancellationToken, ("path", parsed.ToString())).ConfigureAwait(false);
        var notFound = Missing.HistoryTarget(path).Message;
        if (parsed.IsRegistry && row?.NullableLong("ownRegistryId") is { } registry)
        {
            access.RequireRegistry(registry, parsed.ToString(), Permission.UseRegistryVersions, notFound);
            return new HistoryTarget(AuditTargetKind.Registry, registry);
        }

        if (!parsed.IsRegistry && row?.NullableLong("collectionId") is { } collection)
        {
            access.RequireRegistry(row.Long("registryId"), parsed.ParentPath.ToString(), Permission.UseRegistryVersions, notFound);
            return new HistoryTarget(AuditTargetKind.Collection, collection);
        }

        if (!parsed.IsRegistry && row?.NullableLong("artifactId") is { } artifact)
        {
            access.RequireNamespace(row.Long("namespaceId"), parsed.Namespace, Permission.ReadNamespace, notFound);
            return new HistoryTarget(AuditTargetKind.Artifact, artifact);
        }

        throw Missing.HistoryTarget(path);
    }

    private static (string Name, object? Value)[] Filter(HistoryTarget target, AuditQuery query) =>
    [
        ("chain", target.Chain),
        ("actions", query.Actions?.Select(AuditChain.ActionName).ToArray()),
        ("actor", query.Actor),
        ("since", query.Since is { } since ? Cypher.FormatTime(since) : null),
        ("until", query.Until is { } until ? Cypher.FormatTime(until) : null),
    ];

    private static string ChainKey(AuditTargetKind kind, long id) => $"{AuditChain.TargetKindName(kind)}:{id}";

    private sealed record HistoryTarget(AuditTargetKind Kind, long Id)
    {
        public string Chain => ChainKey(Kind, Id);
    }

    /// <summary>The key of an alias node: unique per scope and alias.</summary>
    private static string AliasKey(AliasScope scope, string alias) => $"{ChainKey(scope.Kind, scope.TargetId)}:{alias}";
}
