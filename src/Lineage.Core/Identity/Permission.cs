namespace Lineage.Identity;

/// <summary>What a request wants to do, in terms of the role it needs; see <see cref="Policy"/>.</summary>
public enum Permission
{
    /// <summary>Read a namespace's projects, runs, artifacts, their lineage and its members.</summary>
    ReadNamespace,

    /// <summary>Create runs (and projects), finish them, log artifacts, use artifacts, move project aliases.</summary>
    WriteNamespace,

    /// <summary>Manage members, service accounts and their keys; create teams and registries it owns.</summary>
    AdministerNamespace,

    /// <summary>See a registry and its metadata.</summary>
    ReadRegistry,

    /// <summary>Use a linked version as a run's input, read the registry's members.</summary>
    UseRegistryVersions,

    /// <summary>Create collections, link and unlink versions, add and remove ordinary aliases.</summary>
    WriteRegistry,

    /// <summary>Set, move and remove protected aliases; unlink a version that holds one.</summary>
    ManageProtectedAliases,

    /// <summary>Manage a registry's members and visibility.</summary>
    AdministerRegistry,
}
