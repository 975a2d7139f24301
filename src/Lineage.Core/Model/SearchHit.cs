namespace Lineage.Model;

/// <summary>What a name search found: a run, a project artifact or a registry collection.</summary>
public enum SearchHitKind
{
    Run,
    Artifact,
    Collection,
}

/// <summary>
/// One thing whose name holds the searched text: its short name, its full path
/// (<c>acme/zoo/rural-feather-20</c>, <c>acme/zoo/split_zoo_dataset</c>, <c>acme/models/zoo-classifier</c>)
/// and its job type or artifact type.
/// </summary>
public sealed record SearchHit(SearchHitKind Kind, string Name, string Path, string? Type);
