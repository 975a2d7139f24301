using Lineage.Audit;
using Lineage.Model;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Application;

/// <summary>Appends audit events, in the transaction of the change they record.</summary>
public static class AuditLog
{
    /// <summary>
    /// Appends one event to a target's chain: the next position, the hash over the previous
    /// head and the event, and the new head.
    /// </summary>
    public static async Task AppendAsync(
        IStoreSession session, AuditTargetKind kind, long targetId, string target, AuditEntry entry, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var chain = await session.ReadChainHeadAsync(kind, targetId, cancellationToken).ConfigureAwait(false);
        var previous = chain.Head.Length == 0 ? AuditChain.Genesis.Span : chain.Head;
        var record = AuditRules.Chain(chain.NextEventId, kind, targetId, target, chain.Length + 1, session.Now(), actor, entry, previous);
        await session.InsertEventAsync(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One version's or link's event in the history of <paramref name="scope"/>.</summary>
    public static Task AppendAsync(
        IStoreSession session, AliasScope scope, AuditAction action, AuditSubject subject, string? alias, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(subject);
        return AppendAsync(session, scope.Kind, scope.TargetId, scope.Target, subject.Entry(action) with { Alias = alias }, actor, cancellationToken);
    }
}
