using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lineage.Audit;

/// <summary>
/// The hash chain of a target's history. Each event's hash is SHA-256 over the previous
/// event's hash (32 zero bytes before the first) followed by the event's canonical form: a
/// compact JSON object whose members come in a fixed order. Any change to a stored field,
/// a removed or reordered event, or a forged hash shows up when the chain is recomputed.
/// </summary>
/// <remarks>
/// Format 2 (every event recorded now) hashes a field that may be hidden from a reader (the
/// <c>source</c> version of a collection event) as a salted commitment: SHA-256 over 32 random
/// bytes and the value. A reader without the salt sees only the commitment, which tells
/// nothing about the value however many names are tried; a reader with it checks that the
/// value matches. Either way, anyone who can read a history can recompute its whole chain.
/// Format 1 (events recorded before) hashed every field in clear, with the event's database id.
/// </remarks>
public static class AuditChain
{
    public const int HashSize = 32;

    /// <summary>The canonical form new events are hashed with.</summary>
    public const int CurrentFormat = 2;

    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[HashSize];

    /// <summary>A fresh salt for a commitment.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(HashSize);

    /// <summary>SHA-256 over <paramref name="salt"/> and the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static byte[] Commitment(ReadOnlySpan<byte> salt, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var input = new byte[salt.Length + bytes.Length];
        salt.CopyTo(input);
        bytes.CopyTo(input.AsSpan(salt.Length));
        return SHA256.HashData(input);
    }

    /// <summary>What a format-2 event's hash covers for its source: the sealed commitment, or one computed from the source and its salt.</summary>
    public static byte[]? SourceCommitment(AuditEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.SealedSource ?? (e.Source is null ? null
            : Commitment(e.SourceSalt ?? throw new InvalidDataException($"event at position {e.Position} of '{e.Target}' has a source but no salt"), e.Source));
    }

    /// <summary>The event as a reader who may not see its source gets it: the source's commitment in place of the source and its salt.</summary>
    public static AuditEventRecord Seal(AuditEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Source is null || e.Redacted ? e
            : e.Format == 1 ? e with { Source = null }
            : e with { SealedSource = SourceCommitment(e), Source = null, SourceSalt = null };
    }

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
            if (e.Format == 1)
            {
                // As events were hashed before salted commitments: kept so that old chains verify.
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
            }
            else if (e.Format == CurrentFormat)
            {
                json.WriteNumber("format", e.Format);
                json.WriteString("targetKind", TargetKindName(e.TargetKind));
                json.WriteString("target", e.Target);
                json.WriteNumber("position", e.Position);
                json.WriteString("action", ActionName(e.Action));
                json.WriteString("at", FormatTime(e.At));
                json.WriteString("actor", e.Actor);
                json.WriteString("version", e.Version);
                json.WriteString("source", SourceCommitment(e) is { } commitment ? Convert.ToHexStringLower(commitment) : null);
                json.WriteString("alias", e.Alias);
                json.WriteString("tag", e.Tag);
                json.WriteString("member", e.Member);
                json.WriteString("role", e.Role);
                json.WriteString("visibility", e.Visibility);
                json.WriteString("requestId", e.RequestId);
            }
            else
            {
                throw new InvalidDataException($"event at position {e.Position} of '{e.Target}' has canonical form {e.Format}, which this version does not know");
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>UTC with seven fractional digits, the precision times are stored with.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static readonly Dictionary<AuditAction, string> ActionNames = new()
    {
        [AuditAction.VersionLogged] = "VERSION_LOGGED",
        [AuditAction.VersionLinked] = "VERSION_LINKED",
        [AuditAction.VersionUnlinked] = "VERSION_UNLINKED",
        [AuditAction.AliasAdded] = "ALIAS_ADDED",
        [AuditAction.AliasRemoved] = "ALIAS_REMOVED",
        [AuditAction.TagAdded] = "TAG_ADDED",
        [AuditAction.TagRemoved] = "TAG_REMOVED",
        [AuditAction.RegistryCreated] = "REGISTRY_CREATED",
        [AuditAction.VisibilityChanged] = "VISIBILITY_CHANGED",
        [AuditAction.AliasProtected] = "ALIAS_PROTECTED",
        [AuditAction.AliasUnprotected] = "ALIAS_UNPROTECTED",
        [AuditAction.RoleGranted] = "ROLE_GRANTED",
        [AuditAction.RoleRevoked] = "ROLE_REVOKED",
    };

    private static readonly Dictionary<string, AuditAction> ActionsByName = ActionNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ActionName(AuditAction action) =>
        ActionNames.TryGetValue(action, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(action), action, null);

    public static AuditAction ParseAction(string name) =>
        ActionsByName.TryGetValue(name, out var action) ? action : throw new FormatException($"unknown audit action '{name}'");

    /// <summary>Every action's name, in the order of <see cref="AuditAction"/>.</summary>
    public static IReadOnlyList<string> ActionNamesInOrder { get; } = [.. Enum.GetValues<AuditAction>().Select(ActionName)];

    public static string TargetKindName(AuditTargetKind kind) => kind switch
    {
        AuditTargetKind.Collection => "COLLECTION",
        AuditTargetKind.Artifact => "ARTIFACT",
        AuditTargetKind.Registry => "REGISTRY",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static AuditTargetKind ParseTargetKind(string name) => name switch
    {
        "COLLECTION" => AuditTargetKind.Collection,
        "ARTIFACT" => AuditTargetKind.Artifact,
        "REGISTRY" => AuditTargetKind.Registry,
        _ => throw new FormatException($"unknown audit target kind '{name}'"),
    };
}
