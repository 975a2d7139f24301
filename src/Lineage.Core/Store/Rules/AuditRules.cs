using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;

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

    public static NotFoundException NoSuchAlias(string qualifiedName, string alias) =>
        new($"version '{qualifiedName}' has no alias '{alias}'");

    /// <summary>An event as the caller may read it: without the source version when its namespace is hidden from them.</summary>
    public static AuditEventRecord Redact(AuditEventRecord e, Access access)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(access);
        return e.SourceNamespaceId is { } ns && !access.CanSeeNamespace(ns) ? e with { Source = null } : e;
    }
}
