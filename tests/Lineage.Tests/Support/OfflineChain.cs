using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lineage.Tests.Support;

/// <summary>
/// Checks an exported history the way a reader outside the service would, from docs/security.md
/// alone: each event's canonical form built by hand, each sealed source taken as its commitment
/// and each visible one checked against it, and every hash chained to the one before.
/// </summary>
public static class OfflineChain
{
    /// <summary>Verifies the lines of an export, oldest first, and gives the last hash.</summary>
    public static string Verify(IEnumerable<JsonElement> lines)
    {
        var previous = new byte[32];
        foreach (var line in lines)
        {
            var canonical = line.GetProperty("format").GetInt32() switch
            {
                1 => JsonSerializer.Serialize(new
                {
                    id = line.GetProperty("legacyId").GetInt64(),
                    targetKind = line.Str("targetKind"),
                    target = line.Str("target"),
                    position = line.GetProperty("position").GetInt64(),
                    action = line.Str("action"),
                    at = line.Str("at"),
                    actor = line.Str("actor"),
                    version = line.GetProperty("version").GetString(),
                    source = line.GetProperty("source").GetString(),
                    alias = line.GetProperty("alias").GetString(),
                    requestId = line.GetProperty("requestId").GetString(),
                }),
                2 => Canonical(line, SourceCommitment(line)),
                var format => throw new InvalidOperationException($"unknown format {format}"),
            };
            var hash = SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(canonical)]);
            Assert.True(
                line.Str("hash") == Convert.ToHexStringLower(hash),
                $"event at position {line.GetProperty("position").GetInt64().ToString(CultureInfo.InvariantCulture)} does not follow: {line}");
            previous = hash;
        }

        return Convert.ToHexStringLower(previous);
    }

    /// <summary>An event's format-2 canonical form with <paramref name="source"/> where its source's commitment goes.</summary>
    public static string Canonical(JsonElement line, string? source) => JsonSerializer.Serialize(new
    {
        format = 2,
        targetKind = line.Str("targetKind"),
        target = line.Str("target"),
        position = line.GetProperty("position").GetInt64(),
        action = line.Str("action"),
        at = line.Str("at"),
        actor = line.Str("actor"),
        version = line.GetProperty("version").GetString(),
        source,
        alias = line.GetProperty("alias").GetString(),
        tag = line.GetProperty("tag").GetString(),
        member = line.GetProperty("member").GetString(),
        role = line.GetProperty("role").GetString(),
        visibility = line.GetProperty("visibility").GetString(),
        requestId = line.GetProperty("requestId").GetString(),
    });

    /// <summary>What the hash covers for the source: its commitment, checked against the source when the reader was given the salt.</summary>
    private static string? SourceCommitment(JsonElement line)
    {
        var commitment = line.GetProperty("sourceCommitment").GetString();
        if (line.GetProperty("source").GetString() is { } source)
        {
            var salt = Convert.FromHexString(line.Str("sourceSalt"));
            Assert.Equal(commitment, Convert.ToHexStringLower(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(source)])));
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, line.GetProperty("sourceSalt").ValueKind);
        }

        return commitment;
    }
}
