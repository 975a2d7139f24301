namespace Lineage.Identity;

public enum NamespaceKind
{
    /// <summary>A user's own namespace, named after the user; the user is its administrator.</summary>
    User,

    /// <summary>A group of principals, optionally inside an organization.</summary>
    Team,

    /// <summary>The top level: owns projects, registries and teams.</summary>
    Organization,
}
