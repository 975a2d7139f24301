using Lineage.Audit;
using Lineage.Model;
using Lineage.Store;
using Lineage.Store.Rules;

namespace Lineage.Application;

/// <summary>How an alias moves between the versions of an artifact or the links of a collection, and how each move is recorded.</summary>
public static class AliasMoves
{
    /// <summary>
    /// Gives <paramref name="alias"/> to <paramref name="holder"/>, taking it from whichever
    /// version of the scope held it, and records the move: ALIAS_REMOVED on the old holder,
    /// then ALIAS_ADDED on the new one. Giving an alias to the version that holds it changes
    /// and records nothing.
    /// </summary>
    public static async Task MoveAsync(
        IStoreSession session, AliasScope scope, AuditSubject holder, string alias, int? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(holder);
        var current = await session.FindAliasHolderAsync(scope, alias, cancellationToken).ConfigureAwait(false);
        AuditRules.RequireExpectedHolder(scope.Target, alias, current?.Version, expectedVersion);
        if (current?.Id == holder.Id)
        {
            return;
        }

        AuditRules.RequireAliasRoom(await session.CountAliasesHeldAsync(scope, holder.Id, cancellationToken).ConfigureAwait(false), scope.Target, holder.Version);
        if (current is not null)
        {
            await AuditLog.AppendAsync(session, scope, AuditAction.AliasRemoved, current, alias, actor, cancellationToken).ConfigureAwait(false);
        }

        await session.SetAliasAsync(scope, alias, holder.Id, actor, cancellationToken).ConfigureAwait(false);
        await AuditLog.AppendAsync(session, scope, AuditAction.AliasAdded, holder, alias, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes <paramref name="alias"/> from <paramref name="holder"/> and records ALIAS_REMOVED.</summary>
    public static async Task TakeAsync(
        IStoreSession session, AliasScope scope, AuditSubject holder, string qualifiedName, string alias, int? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(holder);
        var current = await session.FindAliasHolderAsync(scope, alias, cancellationToken).ConfigureAwait(false);
        if (current?.Id != holder.Id)
        {
            throw AuditRules.NoSuchAlias(qualifiedName, alias);
        }

        AuditRules.RequireExpectedHolder(scope.Target, alias, current.Version, expectedVersion);
        await session.DeleteAliasAsync(scope, alias, cancellationToken).ConfigureAwait(false);
        await AuditLog.AppendAsync(session, scope, AuditAction.AliasRemoved, current, alias, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How events name a version: a project version by itself, a linked version with the source it points at.</summary>
    public static AuditSubject Subject(VersionRecord version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Link is { } link ? new(link.Id, version.Version, link.SourceQualifiedName, link.SourceNamespaceId) : new(version.Id, version.Version, null);
    }
}
