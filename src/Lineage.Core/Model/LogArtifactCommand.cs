using Lineage.Errors;
using Lineage.Names;
using Lineage.Store;

namespace Lineage.Model;

/// <summary>
/// A version a run logs: valid by construction, since the constructor checks its names, digest,
/// aliases, size and manifest, and the metadata is a checked <see cref="JsonObjectText"/>.
/// </summary>
public sealed record LogArtifactCommand(
    RunPath Run,
    string Name,
    string Type,
    string Digest,
    JsonObjectText? Metadata,
    IReadOnlyList<string> Aliases,
    long? Size = null,
    IReadOnlyList<VersionFile>? Files = null,
    string? Description = null) : ILineageWrite
{
    public RunPath Run { get; } = Run ?? throw new ArgumentNullException(nameof(Run));

    public string Name { get; } = NameRules.RequireName(Name, "artifact name");

    public string Type { get; } = NameRules.RequireName(Type, "artifact type");

    public string Digest { get; } = ContentRules.RequireDigest(Digest);

    /// <summary>The metadata's JSON text.</summary>
    public string? MetadataJson => Metadata?.Text;

    public IReadOnlyList<string> Aliases { get; } = NameRules.RequireUserAliases(Aliases);

    public long? Size { get; } = Size is < 0 ? throw new InvalidArgumentException($"size must be 0 or more, not {Size}") : Size;

    public IReadOnlyList<VersionFile>? Files { get; } = CheckFiles(Files);

    public string? Description { get; } = ContentRules.RequireDescription(Description, "description");

    /// <summary>The size given, or else the sum of the manifest's file sizes.</summary>
    public long? TotalSize => Size ?? Files?.Sum(f => f.Size);

    /// <summary>What the version says about its content, stored as given: a store writes these beside the version's digest, number and creation.</summary>
    public IReadOnlyList<StoredField> Fields => [new("metadata", MetadataJson), new("size", TotalSize), new("description", Description)];

    private static List<VersionFile>? CheckFiles(IReadOnlyList<VersionFile>? files)
    {
        if (files is null)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = ContentRules.RequireFilePath(file.Path);
            if (!seen.Add(path))
            {
                throw new InvalidArgumentException($"file path '{path}' appears twice in the manifest");
            }

            if (file.Size < 0)
            {
                throw new InvalidArgumentException($"size of file '{path}' must be 0 or more, not {file.Size}");
            }

            ContentRules.RequireDigest(file.Digest, $"digest of file '{path}'");
        }

        return [.. files];
    }
}
