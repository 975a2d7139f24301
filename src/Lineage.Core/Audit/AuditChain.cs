using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Lineage.Audit;

/// <summary>
/// The hash chain of a target's history. Each event's hash is SHA-256 over the previous
/// event's hash (32 zero bytes before the first) followed by the event's canonical form: a
/// compact JSON object whose members come in a fixed order. Any change to a stored field,
/// a removed or reordered event, or a forged hash shows up when the chain is recomputed.
/// </summary>
public static class AuditChain
{
    public const int HashSize = 32;

    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[HashSize];

    /// <summary>The hash of <paramref name="e"/> chained to <paramref name="previous"/>; <see cref="AuditEventRecord.Hash"/> is not read.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, AuditEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (previous.Length != HashSize)
        {
            throw new ArgumentException($"a previous hash has {HashSize} bytes", nameof(previous));
        }

        var canonical = Canonical(e);
        var input = new byte[HashSize + canonical.Length];
        previous.CopyTo(input);
        canonical.CopyTo(input.AsSpan(HashSize));
        return SHA256.HashData(input);
    }

    /// <summary>The bytes an event's hash covers, with the previous hash put in front.</summary>
    public static byte[] Canonical(AuditEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id", e.Id);
            json.WriteString("targetKind", TargetKindName(e.TargetKind));
            json.WriteString("target", e.Target);
            json.WriteNumber("position", e.Position);
            json.WriteString("action", ActionName(e.Action));
            json.WriteString("at", FormatTime(e.At));
            json.WriteString("actor", e.Actor);
            json.WriteString("version", e.Version);
            json.WriteString("source", e.Source);
            json.WriteString("alias", e.Alias);
            json.WriteString("requestId", e.RequestId);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>UTC with seven fractional digits, the precision times are stored with.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string ActionName(AuditAction action) => action switch
    {
        AuditAction.VersionLogged => "VERSION_LOGGED",
        AuditAction.VersionLinked => "VERSION_LINKED",
        AuditAction.VersionUnlinked => "VERSION_UNLINKED",
        AuditAction.AliasAdded => "ALIAS_ADDED",
        AuditAction.AliasRemoved => "ALIAS_REMOVED",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static AuditAction ParseAction(string name) => name switch
    {
        "VERSION_LOGGED" => AuditAction.VersionLogged,
        "VERSION_LINKED" => AuditAction.VersionLinked,
        "VERSION_UNLINKED" => AuditAction.VersionUnlinked,
        "ALIAS_ADDED" => AuditAction.AliasAdded,
        "ALIAS_REMOVED" => AuditAction.AliasRemoved,
        _ => throw new FormatException($"unknown audit action '{name}'"),
    };

    public static string TargetKindName(AuditTargetKind kind) => kind switch
    {
        AuditTargetKind.Collection => "COLLECTION",
        AuditTargetKind.Artifact => "ARTIFACT",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static AuditTargetKind ParseTargetKind(string name) => name switch
    {
        "COLLECTION" => AuditTargetKind.Collection,
        "ARTIFACT" => AuditTargetKind.Artifact,
        _ => throw new FormatException($"unknown audit target kind '{name}'"),
    };
}
