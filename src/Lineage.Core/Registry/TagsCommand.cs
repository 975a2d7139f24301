namespace Lineage.Registry;

/// <summary>Adds or removes tags on a collection (<c>acme/models/zoo-classifier</c>) or a version (any version name).</summary>
public sealed record TagsCommand(string Target, IReadOnlyList<string> Tags);
