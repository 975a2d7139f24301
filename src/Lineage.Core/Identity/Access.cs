using System.Globalization;
using Lineage.Errors;

namespace Lineage.Identity;

/// <summary>
/// The effective roles of one principal, computed once per request: the highest role granted
/// directly, through a team or through the organization. Stores filter every read by it and
/// check every write against it, inside the transaction that does the work.
/// </summary>
public sealed class Access
{
    // Namespace ids are dense from 1: below this, which the caller may see is also held as a
    // mask, read once per neighbour by walks and counts over a hub's hundred thousand edges.
    private const long MaskedNamespaces = 1 << 16;

    private readonly IReadOnlyDictionary<long, Role> _namespaces;
    private readonly IReadOnlyDictionary<long, Role> _registries;
    private readonly bool[] _visible;

    private Access(bool isAdministrator, IReadOnlyDictionary<long, Role> namespaces, IReadOnlyDictionary<long, Role> registries)
    {
        IsAdministrator = isAdministrator;
        _namespaces = namespaces;
        _registries = registries;
        _visible = new bool[namespaces.Keys.Where(id => id is >= 0 and < MaskedNamespaces).DefaultIfEmpty(-1).Max() + 1];
        foreach (var id in namespaces.Keys.Where(id => id is >= 0 and < MaskedNamespaces))
        {
            _visible[id] = true;
        }
    }

    /// <summary>A site administrator: every role everywhere, nothing filtered.</summary>
    public static Access Administrator { get; } = new(true, new Dictionary<long, Role>(), new Dictionary<long, Role>());

    /// <summary>No role anywhere.</summary>
    public static Access None { get; } = new(false, new Dictionary<long, Role>(), new Dictionary<long, Role>());

    public static Access Of(IReadOnlyDictionary<long, Role> namespaces, IReadOnlyDictionary<long, Role> registries)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(registries);
        if (namespaces.Values.Any(r => r == Role.RestrictedViewer))
        {
            throw new ArgumentException("RESTRICTED_VIEWER is a registry role", nameof(namespaces));
        }

        return new Access(false, namespaces, registries);
    }

    public bool IsAdministrator { get; }

    public Role? NamespaceRole(long namespaceId) =>
        IsAdministrator ? Role.Admin : _namespaces.TryGetValue(namespaceId, out var role) ? role : null;

    public Role? RegistryRole(long registryId) =>
        IsAdministrator ? Role.Admin : _registries.TryGetValue(registryId, out var role) ? role : null;

    public bool CanSeeNamespace(long namespaceId) =>
        IsAdministrator
        || ((ulong)namespaceId < (ulong)_visible.Length ? _visible[namespaceId] : namespaceId >= MaskedNamespaces && _namespaces.ContainsKey(namespaceId));

    public bool CanSeeRegistry(long registryId) => RegistryRole(registryId) is not null;

    /// <summary>A project version is seen with a role in its namespace; a linked version with a role in its registry.</summary>
    public bool CanSee(Model.VersionRecord version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Link is { } link ? CanSeeRegistry(link.RegistryId) : CanSeeNamespace(version.NamespaceId);
    }

    /// <summary>The namespaces whose projects may be read; null for a site administrator, who sees all.</summary>
    public IReadOnlyCollection<long>? VisibleNamespaces => IsAdministrator ? null : [.. _namespaces.Keys];

    /// <summary>The registries that may be read; null for a site administrator, who sees all.</summary>
    public IReadOnlyCollection<long>? VisibleRegistries => IsAdministrator ? null : [.. _registries.Keys];

    /// <summary>
    /// Refuses unless the caller's role in the namespace allows <paramref name="permission"/>.
    /// Someone with no role at all is told <paramref name="notFound"/>, exactly what they would
    /// be told if the thing did not exist; someone who can see it but not change it is told why.
    /// </summary>
    public void RequireNamespace(long namespaceId, string namespaceName, Permission permission, string notFound) =>
        Require(NamespaceRole(namespaceId), $"namespace '{namespaceName}'", permission, notFound);

    public void RequireRegistry(long registryId, string registryPath, Permission permission, string notFound) =>
        Require(RegistryRole(registryId), $"registry '{registryPath}'", permission, notFound);

    private static void Require(Role? role, string scope, Permission permission, string notFound)
    {
        if (role is null)
        {
            throw new NotFoundException(notFound);
        }

        var needed = Policy.Required(permission);
        if (role < needed)
        {
            throw new ForbiddenException(
                $"{Policy.Describe(permission)} in {scope} needs the {RoleNames.Format(needed)} role; yours is {RoleNames.Format(role.Value)}");
        }
    }

    /// <summary>
    /// A digest of every role this access holds: equal for equal roles, different as soon as any
    /// role is granted, changed or taken away. An answer kept for a retried request is shown
    /// again only to the same roles.
    /// </summary>
    public byte[] Fingerprint()
    {
        var text = new System.Text.StringBuilder(IsAdministrator ? "admin;" : "member;");
        foreach (var (id, role) in _namespaces.OrderBy(n => n.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"n{id}={role};");
        }

        foreach (var (id, role) in _registries.OrderBy(r => r.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"r{id}={role};");
        }

        return System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
    }
}
