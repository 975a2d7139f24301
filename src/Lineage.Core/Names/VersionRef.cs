using System.Globalization;
using Lineage.Errors;

namespace Lineage.Names;

/// <summary>
/// A version name as users write it: <c>acme/zoo/split_zoo_dataset:v4</c>,
/// <c>acme/zoo/split_zoo_dataset:latest</c>, <c>acme/zoo/split_zoo_dataset:production</c>.
/// Without a selector the newest version is meant, as <c>:latest</c>.
/// </summary>
public sealed record VersionRef(string Namespace, string Project, string Artifact, VersionSelector Selector)
{
    public static VersionRef Parse(string? value, string what = "artifact name")
    {
        var text = value ?? string.Empty;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var pathPart = colon < 0 ? text : text[..colon];
        var parts = PathSegments.Split(pathPart, 3, what, "namespace/project/artifact:version (version is v<N>, latest or an alias)");
        var selector = colon < 0 ? VersionSelector.Latest : ParseSelector(text[(colon + 1)..], what);
        return new VersionRef(
            NameRules.RequireName(parts[0], $"namespace in {what}"),
            NameRules.RequireName(parts[1], $"project in {what}"),
            NameRules.RequireName(parts[2], $"artifact in {what}"),
            selector);
    }

    /// <summary>True when <paramref name="value"/> names an artifact version rather than a run.</summary>
    public static bool LooksLikeVersionName(string value) => value.Contains(':', StringComparison.Ordinal);

    public string ArtifactPath => $"{Namespace}/{Project}/{Artifact}";

    public ProjectPath ProjectPath => new(Namespace, Project);

    public override string ToString() => $"{ArtifactPath}:{Selector}";

    private static VersionSelector ParseSelector(string selector, string what)
    {
        if (NameRules.LooksLikeVersion(selector))
        {
            if (!int.TryParse(selector.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new InvalidArgumentException($"version {NameRules.Quote(selector)} in {what} is out of range");
            }

            return VersionSelector.ForIndex(index);
        }

        NameRules.RequireName(selector, $"version or alias in {what}");
        return selector == NameRules.Latest ? VersionSelector.Latest : VersionSelector.ForAlias(selector);
    }
}
