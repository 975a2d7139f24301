namespace Lineage.Listing;

/// <summary>What a project's tiles count.</summary>
public enum TallyKind
{
    /// <summary>Runs per job type (runs without one counted under null).</summary>
    JobTypes,

    /// <summary>Artifacts per type.</summary>
    ArtifactTypes,

    /// <summary>Runs per state.</summary>
    RunStates,
}
