using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Lineage.Identity;

/// <summary>
/// An API key, <c>lin_&lt;id&gt;_&lt;secret&gt;</c>: the id is not secret and finds the stored
/// key; only the SHA-256 of the secret is stored. The secret holds 238 random bits, so a
/// fast hash is enough (nothing to guess offline), and hashes are compared in constant time.
/// </summary>
public sealed class ApiKeyToken
{
    public const string Prefix = "lin_";
    public const int IdLength = 12;
    public const int SecretLength = 40;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly string _secret;

    private ApiKeyToken(string id, string secret)
    {
        Id = id;
        _secret = secret;
    }

    /// <summary>The non-secret part that names the key in listings and logs.</summary>
    public string Id { get; }

    /// <summary>A description of the rule, for error messages.</summary>
    public static string FormatRule =>
        $"'{Prefix}', {IdLength} lowercase letters or digits, '_', then {SecretLength} letters or digits";

    public static ApiKeyToken Generate() => new(
        RandomNumberGenerator.GetString(IdAlphabet, IdLength),
        RandomNumberGenerator.GetString(SecretAlphabet, SecretLength));

    public static bool TryParse(string? text, [NotNullWhen(true)] out ApiKeyToken? token)
    {
        token = null;
        if (text is null || text.Length != Prefix.Length + IdLength + 1 + SecretLength || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = text.Substring(Prefix.Length, IdLength);
        var separator = text[Prefix.Length + IdLength];
        var secret = text[(Prefix.Length + IdLength + 1)..];
        if (separator != '_' || !id.All(IdAlphabet.Contains) || !secret.All(SecretAlphabet.Contains))
        {
            return false;
        }

        token = new ApiKeyToken(id, secret);
        return true;
    }

    /// <summary>The whole key, to hand to its owner once. Never log it.</summary>
    public string Reveal() => $"{Prefix}{Id}_{_secret}";

    /// <summary>What is stored in place of the secret.</summary>
    public byte[] Hash() => SHA256.HashData(Encoding.ASCII.GetBytes(_secret));

    public bool Matches(byte[] storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Hash(), storedHash);
    }

    /// <summary>Safe to log: the id only.</summary>
    public override string ToString() => $"{Prefix}{Id}_…";
}
