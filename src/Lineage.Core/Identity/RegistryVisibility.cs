namespace Lineage.Identity;

public enum RegistryVisibility
{
    /// <summary>Everyone with a role in the owning namespace may view it.</summary>
    Organization,

    /// <summary>Only its members and the owning namespace's administrators may see it.</summary>
    Restricted,
}
