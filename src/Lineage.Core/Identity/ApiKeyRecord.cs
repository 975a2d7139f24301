namespace Lineage.Identity;

/// <summary>A stored API key, without its secret, which is never stored.</summary>
public sealed record ApiKeyRecord(
    string Id,
    long PrincipalId,
    string Principal,
    string Name,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public ApiKeyState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyState.Revoked
        : ExpiresAt is { } expires && expires <= now ? ApiKeyState.Expired
        : ApiKeyState.Active;
}
