using Lineage.Names;

namespace Lineage.Model;

/// <summary>
/// Gives or takes an alias. With <see cref="ExpectedVersion"/> the change applies only if that
/// version (<c>v3</c>) holds the alias when the change is made; otherwise it is a conflict.
/// </summary>
public sealed record AliasCommand(VersionRef Artifact, string Alias, int? ExpectedVersion = null)
{
    public VersionRef Artifact { get; } = Artifact ?? throw new ArgumentNullException(nameof(Artifact));

    public string Alias { get; } = NameRules.RequireUserAlias(Alias);
}
