namespace Lineage.Identity;

/// <summary>
/// Someone or something that holds API keys. <see cref="HomeNamespace"/> is a user's own
/// namespace, or the namespace that owns a service account.
/// </summary>
public sealed record PrincipalRecord(
    long Id,
    string Name,
    PrincipalKind Kind,
    bool IsAdministrator,
    long? HomeNamespaceId,
    string? HomeNamespace,
    DateTimeOffset CreatedAt,
    string CreatedBy);
