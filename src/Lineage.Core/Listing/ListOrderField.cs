namespace Lineage.Listing;

/// <summary>What a list can be ordered by; each list admits some of them (<see cref="ListRules"/>).</summary>
public enum ListOrderField
{
    CreatedAt,
    Name,

    /// <summary>A run's job type, an artifact's or collection's type; runs without a job type come first.</summary>
    Type,

    /// <summary>A run's state.</summary>
    State,

    /// <summary>A version's index.</summary>
    Version,
}
