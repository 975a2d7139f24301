namespace Lineage.Model;

/// <summary>The one-to-many walks the store pages through, named from the parent's side.</summary>
public enum Relation
{
    /// <summary>Version → runs that used it.</summary>
    UsedBy,

    /// <summary>Version → runs that logged it, first logger first.</summary>
    Loggers,

    /// <summary>Run → versions it used.</summary>
    UsedArtifacts,

    /// <summary>Run → versions it logged.</summary>
    LoggedArtifacts,

    /// <summary>Project → its runs.</summary>
    ProjectRuns,

    /// <summary>Project → its artifacts.</summary>
    ProjectArtifacts,

    /// <summary>Artifact → its versions, oldest first.</summary>
    ArtifactVersions,

    /// <summary>Version → the files of its manifest.</summary>
    VersionFiles,

    /// <summary>Namespace → its projects.</summary>
    NamespaceProjects,

    /// <summary>Namespace → its registries.</summary>
    NamespaceRegistries,

    /// <summary>Registry → its collections, oldest first.</summary>
    RegistryCollections,

    /// <summary>Collection → its linked versions (link ids), v0 first.</summary>
    CollectionLinks,

    /// <summary>Version → the linked versions made from it (link ids), in registries the caller may see.</summary>
    VersionLinks,
}
