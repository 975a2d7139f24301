namespace Lineage.Server.GraphQL.Registry;

/// <summary>What addTags and removeTags answer: the target as it was named, and its tags afterwards.</summary>
internal sealed record TaggedTarget(string Target, IReadOnlyList<string> Tags);
