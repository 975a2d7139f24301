namespace Lineage.Names;

/// <summary>What follows the colon of a version name: <c>v4</c>, <c>latest</c> or an alias.</summary>
public sealed record VersionSelector
{
    private VersionSelector(int? index, string? alias)
    {
        Index = index;
        Alias = alias;
    }

    public int? Index { get; }

    public string? Alias { get; }

    public bool IsLatest => Alias == NameRules.Latest;

    public static VersionSelector Latest { get; } = new(null, NameRules.Latest);

    public static VersionSelector ForIndex(int index) => new(index, null);

    public static VersionSelector ForAlias(string alias) => new(null, alias);

    public override string ToString() => Index is { } i ? $"v{i}" : Alias!;
}
