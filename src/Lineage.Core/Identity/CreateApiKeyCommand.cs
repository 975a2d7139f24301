namespace Lineage.Identity;

/// <summary>Stores a new key for <paramref name="Principal"/>; only the secret's hash comes here.</summary>
public sealed record CreateApiKeyCommand(string Principal, string Name, DateTimeOffset? ExpiresAt, string KeyId, IReadOnlyList<byte> SecretHash);
