namespace Lineage.Names;

/// <summary>
/// What a history belongs to, as users name it: a registry (<c>acme/models</c>), a collection
/// (<c>acme/models/zoo-classifier</c>) or a project artifact (<c>acme/zoo/split_zoo_dataset</c>).
/// </summary>
public sealed record HistoryPath(string Namespace, string Parent, string? Name)
{
    private const string Form = "namespace/registry, namespace/registry/collection or namespace/project/artifact";

    public static HistoryPath Parse(string? value, string what = "path")
    {
        var parts = PathSegments.Split(value, value?.Count(c => c == '/') == 1 ? 2 : 3, what, Form);
        return new HistoryPath(
            NameRules.RequireName(parts[0], $"namespace in {what}"),
            NameRules.RequireName(parts[1], $"registry or project in {what}"),
            parts.Length == 3 ? NameRules.RequireName(parts[2], $"collection or artifact in {what}") : null);
    }

    /// <summary>A registry's own history (two segments).</summary>
    public bool IsRegistry => Name is null;

    /// <summary>The registry or project the history sits in.</summary>
    public ProjectPath ParentPath => new(Namespace, Parent);

    public override string ToString() => Name is null ? $"{Namespace}/{Parent}" : $"{Namespace}/{Parent}/{Name}";
}
