using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;

namespace Lineage.Store.Rules;

/// <summary>The alias and history rules every store applies.</summary>
public static class AuditRules
{
    /// <summary>
    /// Refuses a conditional alias change when the alias is not held by the expected version
    /// (<paramref name="currentVersion"/> is <c>v3</c>, or null when no version holds it).
    /// </summary>
    public static void RequireExpectedHolder(string target, string alias, string? currentVersion, int? expectedVersion)
    {
        if (expectedVersion is not { } expected || currentVersion == $"v{expected}")
        {
            return;
        }

        throw new ConflictException(currentVersion is null
            ? $"alias '{alias}' of '{target}' is held by no version, not v{expected}; nothing was changed"
            : $"alias '{alias}' of '{target}' is held by {currentVersion}, not v{expected}; nothing was changed");
    }

    /// <summary>How many aliases one version or linked version may hold, <c>latest</c> aside.</summary>
    public const int MaxAliasesPerVersion = 100;

    /// <summary>A version that already holds <see cref="MaxAliasesPerVersion"/> aliases takes no more.</summary>
    public static void RequireAliasRoom(long held, string target, string? version)
    {
        if (held >= MaxAliasesPerVersion)
        {
            throw new LimitExceededException(
                "aliases", $"{version} of '{target}' already holds {held} aliases, the most one version may hold (limit aliases); remove one first");
        }
    }

    public static NotFoundException NoSuchAlias(string qualifiedName, string alias) =>
        new($"version '{qualifiedName}' has no alias '{alias}'");

    /// <summary>
    /// The event <paramref name="entry"/> records, at <paramref name="position"/> of its target's
    /// chain after <paramref name="previous"/>, made by <paramref name="actor"/>: in the current
    /// canonical form, its source (if any) with a fresh salt, and its hash.
    /// </summary>
    public static AuditEventRecord Chain(
        long id, AuditTargetKind kind, long targetId, string target, long position, DateTimeOffset at, Actor actor, AuditEntry entry, ReadOnlySpan<byte> previous)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(entry);
        var e = new AuditEventRecord(id, kind, targetId, target, position, entry.Action, at, actor.Name, [])
        {
            Version = entry.Version,
            Source = entry.Source,
            SourceSalt = entry.Source is null ? null : AuditChain.NewSalt(),
            SourceNamespaceId = entry.SourceNamespaceId,
            SubjectId = entry.SubjectId,
            Alias = entry.Alias,
            Tag = entry.Tag,
            Member = entry.Member,
            Role = entry.Role,
            Visibility = entry.Visibility,
            RequestId = actor.RequestId,
        };
        return e with { Hash = AuditChain.Hash(previous, e) };
    }

    /// <summary>
    /// An event as the caller may read it: with its source sealed (only the source's salted
    /// commitment, which the hash covers) when the source's namespace is hidden from them.
    /// </summary>
    public static AuditEventRecord Redact(AuditEventRecord e, Access access)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(access);
        return e.SourceNamespaceId is { } ns && !access.CanSeeNamespace(ns) ? AuditChain.Seal(e) : e;
    }
}
