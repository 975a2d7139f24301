using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Names;

namespace Lineage.OpenLineage;

/// <summary>
/// How OpenLineage's names become Lineage's: a job namespace or a dataset namespace names a
/// project, a job name and a run id name a run, a dataset name names an artifact, and a
/// dataset's version facet (or else its facets) gives the digest of a version.
/// </summary>
public static class OpenLineageNames
{
    private const int HashLength = 8;

    /// <summary>
    /// <paramref name="value"/> itself when it is a valid Lineage name; otherwise the value with
    /// each run of characters Lineage does not allow replaced by one '-', cut to fit, and followed by
    /// '-' and 8 hex digits of its SHA-256, so that different values stay different names.
    /// </summary>
    public static string Name(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (NameRules.IsValidName(value))
        {
            return value;
        }

        var hash = Hex(Encoding.UTF8.GetBytes(value))[..HashLength];
        var plain = new StringBuilder(Math.Min(value.Length, NameRules.MaxLength));
        foreach (var c in value)
        {
            if (plain.Length == NameRules.MaxLength - HashLength - 1)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            {
                plain.Append(c);
            }
            else if (plain.Length > 0 && plain[^1] != '-')
            {
                // A run of characters Lineage does not allow becomes one '-': postgres://db:5432 → postgres-db-5432.
                plain.Append('-');
            }
        }

        var trimmed = plain.ToString().Trim('-');
        return trimmed.Length == 0 ? $"ol-{hash}" : $"{trimmed}-{hash}";
    }

    /// <summary>A run's name: its job's name, then its run id (32 hex digits), so that one run id is one run.</summary>
    public static string RunName(string jobName, Guid runId)
    {
        var id = runId.ToString("N");
        var job = Name(jobName);
        var room = NameRules.MaxLength - id.Length - 1;
        return $"{(job.Length > room ? job[..room] : job)}-{id}";
    }

    /// <summary>The run that logged a dataset's versions that no known run wrote: one per artifact.</summary>
    public static string SourceRunName(string artifactName)
    {
        const string Suffix = ".source";
        var room = NameRules.MaxLength - Suffix.Length;
        return $"{(artifactName.Length > room ? artifactName[..room] : artifactName)}{Suffix}";
    }

    /// <summary>
    /// The parent run a run's config names (<c>openlineage.parent</c>, kept from a <c>parent</c> run
    /// facet), or null when it names none or not a run path.
    /// </summary>
    public static RunPath? ParentPath(string? configJson)
    {
        if (configJson is null || !configJson.Contains("\"parent\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(configJson)?["openlineage"]?["parent"] is JsonValue value && value.TryGetValue<string>(out var path)
                ? RunPath.Parse(path)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or Errors.InvalidArgumentException)
        {
            // A config written by hand may hold anything under that name: it names no parent then.
            return null;
        }
    }

    /// <summary>The artifact type a dataset's <c>datasetType</c> facet gives, in lower case, or <c>dataset</c>.</summary>
    public static string ArtifactType(JsonObject? facets)
    {
        var declared = facets?["datasetType"] is JsonObject facet && facet["datasetType"] is JsonValue value
            && value.TryGetValue<string>(out var text) ? text.ToLowerInvariant() : null;
        return declared is not null && NameRules.IsValidName(declared) ? declared : "dataset";
    }

    /// <summary>The version a dataset's <c>version</c> facet names (<c>datasetVersion</c>), if it has one.</summary>
    public static string? DeclaredVersion(JsonObject? facets) =>
        facets?["version"] is JsonObject facet && facet["datasetVersion"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;

    /// <summary>
    /// The digest of a dataset version: from its declared version when it has one, otherwise from
    /// its facets (keys in order, without each facet's <c>_producer</c> and <c>_schemaURL</c>, so that
    /// the same schema sent by two emitters is one version).
    /// </summary>
    public static string Digest(JsonObject? facets)
    {
        if (DeclaredVersion(facets) is { } version)
        {
            return "sha256:" + Hex(Encoding.UTF8.GetBytes("openlineage-version\n" + version));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, facet) in (facets ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                if (facet is JsonObject fields)
                {
                    WriteCanonical(writer, new JsonObject(fields.Where(f => f.Key is not ("_producer" or "_schemaURL"))
                        .Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone()))));
                }
                else
                {
                    WriteCanonical(writer, facet);
                }
            }

            writer.WriteEndObject();
        }

        return "sha256:" + Hex(buffer.ToArray());
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (name, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
