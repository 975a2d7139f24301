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
    public static string ArtifactType(JsonElement? facets)
    {
        var declared = Text(facets, "datasetType", "datasetType")?.ToLowerInvariant();
        return declared is not null && NameRules.IsValidName(declared) ? declared : "dataset";
    }

    /// <summary>The version a dataset's <c>version</c> facet names (<c>datasetVersion</c>), if it has one.</summary>
    public static string? DeclaredVersion(JsonElement? facets) => Text(facets, "version", "datasetVersion");

    /// <summary>The job type a job's <c>jobType</c> facet gives, in lower case, when it is a valid name.</summary>
    public static string? JobType(JsonElement? facets)
    {
        var declared = Text(facets, "jobType", "jobType")?.ToLowerInvariant();
        return declared is not null && NameRules.IsValidName(declared) ? declared : null;
    }

    /// <summary>
    /// The digest of a dataset version: from its declared version when it has one, otherwise from
    /// its facets (keys in order, without each facet's <c>_producer</c> and <c>_schemaURL</c>, so that
    /// the same schema sent by two emitters is one version).
    /// </summary>
    public static string Digest(JsonElement? facets)
    {
        if (DeclaredVersion(facets) is { } version)
        {
            return "sha256:" + Hex(Encoding.UTF8.GetBytes("openlineage-version\n" + version));
        }

        // Hashed as it is written: facets may be large, and the canonical text is never needed whole.
        using var hash = new HashingStream();
        using (var writer = new Utf8JsonWriter(hash))
        {
            writer.WriteStartObject();
            if (facets is { } all)
            {
                foreach (var facet in all.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(facet.Name);
                    WriteCanonical(writer, facet.Value, skipBaseFields: true);
                }
            }

            writer.WriteEndObject();
        }

        return "sha256:" + Convert.ToHexStringLower(hash.Hash());
    }

    /// <summary>A string two objects down (<c>facets.version.datasetVersion</c>), or null.</summary>
    private static string? Text(JsonElement? facets, string facet, string property) =>
        facets is { ValueKind: JsonValueKind.Object } all
        && all.TryGetProperty(facet, out var found) && found.ValueKind == JsonValueKind.Object
        && found.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value, bool skipBaseFields = false)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (skipBaseFields && property.Name is "_producer" or "_schemaURL")
                    {
                        continue;
                    }

                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A write-only stream that feeds SHA-256.</summary>
    private sealed class HashingStream : Stream
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] Hash() => _sha.GetHashAndReset();

        public override void Write(byte[] buffer, int offset, int count) => _sha.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => _sha.AppendData(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _sha.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
