namespace Lineage.Identity;

/// <summary>What authenticating a key needs: the key, the hash to compare, whose it is and their roles.</summary>
public sealed record Credential(ApiKeyRecord Key, IReadOnlyList<byte> SecretHash, PrincipalRecord Principal, Access Access);
