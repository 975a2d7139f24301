using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Store.Rules;

/// <summary>The identity rules every store applies, apart from how it reads and writes.</summary>
public static class IdentityRules
{
    /// <summary>How many keys one principal may hold that are neither revoked nor expired.</summary>
    public const int MaxActiveKeysPerPrincipal = 100;

    /// <summary>How many aliases one registry may protect.</summary>
    public const int MaxProtectedAliases = 100;

    public static void RequireSiteAdministrator(Actor actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator)
        {
            throw new ForbiddenException($"{what} needs a site administrator");
        }
    }

    public static void RequireNamespaceRole(Role role)
    {
        if (role == Role.RestrictedViewer)
        {
            throw new InvalidArgumentException("RESTRICTED_VIEWER is a registry role; namespaces take ADMIN, MEMBER or VIEWER");
        }
    }

    /// <summary>Checks a namespace to create before any lookup: its name, its kind and who may make it.</summary>
    public static void CheckCreateNamespace(CreateNamespaceCommand command, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        NameRules.RequireName(command.Name, "namespace name");
        if (command.Kind == NamespaceKind.User)
        {
            throw new InvalidArgumentException("a user's namespace is made with the user (createUser); create a TEAM or an ORGANIZATION here");
        }

        if (command.Kind == NamespaceKind.Organization && command.Organization is not null)
        {
            throw new InvalidArgumentException("organizations do not belong to organizations; leave 'organization' out");
        }

        if (command.Organization is null)
        {
            RequireSiteAdministrator(actor, command.Kind == NamespaceKind.Team ? "creating a team outside an organization" : "creating organizations");
        }
    }

    /// <summary>The organization a new team is made in, once found: it must be one, and the actor its ADMIN.</summary>
    public static NamespaceRecord RequireOrganization(NamespaceRecord? parent, string name, Access access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (parent is null || !access.CanSeeNamespace(parent.Id))
        {
            throw Missing.Namespace(name);
        }

        if (parent.Kind != NamespaceKind.Organization)
        {
            throw new InvalidArgumentException($"'{name}' is a {parent.Kind.ToString().ToUpperInvariant()}, not an ORGANIZATION");
        }

        access.RequireNamespace(parent.Id, parent.Name, Permission.AdministerNamespace, Missing.Namespace(name).Message);
        return parent;
    }

    public static void CheckCreateApiKey(CreateApiKeyCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        NameRules.RequireName(command.Name, "key name");
        if (command.ExpiresAt is { } expires && expires <= now)
        {
            throw new InvalidArgumentException($"expiresAt must be in the future, not {expires.UtcDateTime:O}");
        }
    }

    public static void RequireRoomForKey(PrincipalRecord principal, long active)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (active >= MaxActiveKeysPerPrincipal)
        {
            throw new LimitExceededException(
                "activeKeys", $"'{principal.Name}' already holds {active} active keys, the most allowed (limit activeKeys); revoke one first");
        }
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may manage the keys of <paramref name="principal"/>: its
    /// own, any for a site administrator, and a service account's for ADMINs of the namespace
    /// that owns it. Someone with no role in the principal's namespace is told it does not exist.
    /// </summary>
    public static PrincipalRecord RequireKeyManager(PrincipalRecord? principal, string name, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (principal is null)
        {
            throw Missing.Principal(name);
        }

        if (principal.Id == actor.PrincipalId || actor.IsAdministrator)
        {
            return principal;
        }

        var home = principal.HomeNamespaceId is { } id ? actor.Access.NamespaceRole(id) : null;
        if (home is null)
        {
            throw Missing.Principal(name);
        }

        if (principal.Kind == PrincipalKind.User)
        {
            throw new ForbiddenException($"only '{name}' and site administrators manage the keys of user '{name}'");
        }

        actor.Access.RequireNamespace(principal.HomeNamespaceId!.Value, principal.HomeNamespace!, Permission.AdministerNamespace, Missing.Principal(name).Message);
        return principal;
    }

    /// <summary>
    /// A namespace's only ADMIN grant may not be taken away or lowered, except by a site
    /// administrator: nobody else could manage the namespace afterwards.
    /// </summary>
    public static void KeepAnAdministrator(bool memberHoldsAdmin, long admins, string memberName)
    {
        if (memberHoldsAdmin && admins == 1)
        {
            throw new ConflictException($"'{memberName}' holds the only ADMIN grant of this namespace; grant ADMIN to someone else first");
        }
    }

    public static ConflictException NameTaken(string name) =>
        new($"the name '{name}' is already taken by a user, service account, team or organization");

    public static InvalidArgumentException TeamInTeam(string member) =>
        new($"'{member}' is a team, and teams cannot be members of teams");

    /// <summary>Checks each protected alias against the alias rules and gives the set, sorted.</summary>
    public static IReadOnlyList<string> ProtectedAliases(IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        if (aliases.Count > MaxProtectedAliases)
        {
            throw new LimitExceededException("protectedAliases", $"a registry protects at most {MaxProtectedAliases} aliases, not {aliases.Count}");
        }

        return [.. aliases.Select(NameRules.RequireUserAlias).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    /// <summary>A project and a registry of the same owner may not share a name.</summary>
    public static void RequireFreeRegistryPath(string path, bool isProject, bool isRegistry)
    {
        if (isProject)
        {
            throw new ConflictException($"'{path}' is a project; a project and a registry of the same owner may not share a name");
        }

        if (isRegistry)
        {
            throw new ConflictException($"registry '{path}' already exists");
        }
    }

    /// <summary>
    /// A project cannot take the name of a registry of the same owner. Only someone who can see
    /// the registry is told what holds the name; to anyone else it is a name not available.
    /// </summary>
    public static ConflictException ProjectNameTaken(ProjectPath path, bool registryVisible)
    {
        ArgumentNullException.ThrowIfNull(path);
        return registryVisible
            ? new($"'{path}' is a registry; a project and a registry of the same owner may not share a name")
            : new($"the name '{path.Project}' is not available for a project in '{path.Namespace}'; choose another");
    }

    /// <summary>
    /// Runs are recorded in namespaces that exist: a namespace is made on purpose, by
    /// createNamespace, never as a side effect of a mistyped path.
    /// </summary>
    public static NotFoundException NamespaceToCreateFirst(string name, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsAdministrator
            ? new($"namespace '{name}' not found; namespaces are not made by createRun: create it first with " +
                  $"createNamespace(input: {{ name: \"{name}\", kind: ORGANIZATION }})")
            : Missing.Namespace(name);
    }
}
