namespace Lineage.Listing;

/// <summary>The lists a dashboard filters and orders, named from the parent's side.</summary>
public enum ListKind
{
    /// <summary>A project's runs.</summary>
    ProjectRuns,

    /// <summary>A project's artifacts.</summary>
    ProjectArtifacts,

    /// <summary>An artifact's versions.</summary>
    ArtifactVersions,

    /// <summary>A registry's collections.</summary>
    RegistryCollections,

    /// <summary>A namespace's projects.</summary>
    NamespaceProjects,
}
