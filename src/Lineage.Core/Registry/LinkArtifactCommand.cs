using Lineage.Names;

namespace Lineage.Registry;

/// <summary>Links <see cref="Artifact"/> (a project version, or a linked version standing for its source) into a collection.</summary>
public sealed record LinkArtifactCommand(VersionRef Artifact, CollectionPath Collection, IReadOnlyList<string> Aliases)
{
    public VersionRef Artifact { get; } = Artifact ?? throw new ArgumentNullException(nameof(Artifact));

    public CollectionPath Collection { get; } = Collection ?? throw new ArgumentNullException(nameof(Collection));

    /// <summary>The aliases to give, each checked, repeats dropped.</summary>
    public IReadOnlyList<string> Aliases { get; } = NameRules.RequireUserAliases(Aliases);
}
