using Lineage.Audit;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;

namespace Lineage.Store.Rules;

/// <summary>The registry rules every store applies, apart from how it reads and writes.</summary>
public static class RegistryRules
{
    /// <summary>How many tags one collection or version may carry.</summary>
    public const int MaxTagsPerTarget = 100;

    /// <summary>How long a collection's description may be, in characters.</summary>
    public const int MaxDescriptionLength = 4096;

    public static void CheckCreateCollection(CreateCollectionCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        NameRules.RequireName(command.Name, "collection name");
        NameRules.RequireName(command.Type, "collection type");
        if (command.Description is { Length: > MaxDescriptionLength })
        {
            throw new LimitExceededException("description", $"a description holds at most {MaxDescriptionLength} characters, not {command.Description.Length}");
        }
    }

    public static ConflictException CollectionExists(string path) => new($"collection '{path}' already exists");

    /// <summary>A collection holds versions of its own type only.</summary>
    public static void RequireType(CollectionRecord collection, VersionRecord source, VersionRef named)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(source);
        if (source.Type != collection.Type)
        {
            throw new ConflictException(
                $"collection '{collection.Path}' holds versions of type '{collection.Type}'; '{named}' is of type '{source.Type}'");
        }
    }

    /// <summary>Setting, moving or removing a protected alias needs the registry's ADMIN role.</summary>
    public static void RequireProtectedAliasRole(Access access, RegistryRecord registry, string alias)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(registry);
        var role = access.RegistryRole(registry.Id);
        var needed = Policy.Required(Permission.ManageProtectedAliases);
        if (role < needed)
        {
            throw new ForbiddenException(
                $"alias '{alias}' is protected in registry '{registry.Path}': setting, moving or removing it needs the " +
                $"{RoleNames.Format(needed)} role; yours is {RoleNames.Format(role!.Value)}");
        }
    }

    /// <summary>Only linked versions, in a collection, can be unlinked.</summary>
    public static LinkRecord RequireLink(VersionRecord version, VersionRef named)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Link ?? throw new InvalidArgumentException(
            $"'{named}' is a version of a project artifact; only linked versions, in a collection, can be unlinked");
    }

    /// <summary>The aliases a linked version holds; unlinking one that holds a protected alias needs the registry's ADMIN role.</summary>
    public static IReadOnlyList<string> RequireUnlinkRole(VersionRecord version, RegistryRecord registry, Access access)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(access);
        var held = version.Aliases.Where(a => a != NameRules.Latest).ToList();
        var needed = Policy.Required(Permission.ManageProtectedAliases);
        if (held.FirstOrDefault(registry.IsProtected) is { } guarded && access.RegistryRole(registry.Id) < needed)
        {
            throw new ForbiddenException(
                $"'{version.QualifiedName}' holds the protected alias '{guarded}': unlinking it needs the " +
                $"{RoleNames.Format(needed)} role in registry '{registry.Path}'; " +
                $"yours is {RoleNames.Format(access.RegistryRole(registry.Id)!.Value)}");
        }

        return held;
    }

    /// <summary>The distinct tags of a tag command, each a valid name, at most <see cref="MaxTagsPerTarget"/>.</summary>
    public static IReadOnlyList<string> Tags(TagsCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Tags.Count > MaxTagsPerTarget)
        {
            throw new LimitExceededException("tags", $"at most {MaxTagsPerTarget} tags can be given at once, not {command.Tags.Count}");
        }

        return [.. command.Tags.Select(t => NameRules.RequireName(t, "tag")).Distinct(StringComparer.Ordinal)];
    }

    public static void RequireTagRoom(int count, string what)
    {
        if (count > MaxTagsPerTarget)
        {
            throw new LimitExceededException("tags", $"{what} would carry {count} tags; at most {MaxTagsPerTarget} are allowed");
        }
    }

    /// <summary>What a registry's history records when it is made: its visibility, then each alias it protects.</summary>
    public static IReadOnlyList<AuditEntry> Created(RegistryVisibility visibility, IReadOnlyList<string> protectedAliases)
    {
        ArgumentNullException.ThrowIfNull(protectedAliases);
        return [new AuditEntry(AuditAction.RegistryCreated) { Visibility = VisibilityName(visibility) }, .. protectedAliases.Select(Protected)];
    }

    /// <summary>What a registry's history records of an update: what changed, and nothing when nothing did.</summary>
    public static IReadOnlyList<AuditEntry> Updated(RegistryRecord before, RegistryVisibility visibility, IReadOnlyList<string> protectedAliases)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(protectedAliases);
        var entries = new List<AuditEntry>();
        if (visibility != before.Visibility)
        {
            entries.Add(new AuditEntry(AuditAction.VisibilityChanged) { Visibility = VisibilityName(visibility) });
        }

        entries.AddRange(protectedAliases.Except(before.ProtectedAliases, StringComparer.Ordinal).Select(Protected));
        entries.AddRange(before.ProtectedAliases.Except(protectedAliases, StringComparer.Ordinal)
            .Select(a => new AuditEntry(AuditAction.AliasUnprotected) { Alias = a }));
        return entries;
    }

    /// <summary>A role granted on a registry, or changed; <paramref name="previous"/> is the role held before, if any.</summary>
    public static AuditEntry? Granted(string member, Role role, Role? previous) =>
        previous == role ? null : new AuditEntry(AuditAction.RoleGranted) { Member = member, Role = RoleNames.Format(role) };

    /// <summary>A role on a registry taken away.</summary>
    public static AuditEntry Revoked(string member, Role role) =>
        new(AuditAction.RoleRevoked) { Member = member, Role = RoleNames.Format(role) };

    public static string VisibilityName(RegistryVisibility visibility) => visibility.ToString().ToUpperInvariant();

    private static AuditEntry Protected(string alias) => new(AuditAction.AliasProtected) { Alias = alias };

    public static string TagKind(TagTarget target) => target switch
    {
        TagTarget.Collection => "COLLECTION",
        TagTarget.Version => "VERSION",
        TagTarget.Link => "LINK",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };
}
