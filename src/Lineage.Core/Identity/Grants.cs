namespace Lineage.Identity;

/// <summary>A namespace (<c>acme</c>) or a registry (<c>acme/models</c>) that roles are granted on.</summary>
public readonly record struct GrantResource(long Id, bool IsRegistry, NamespaceKind? Kind)
{
    public static GrantResource Of(NamespaceRecord found)
    {
        ArgumentNullException.ThrowIfNull(found);
        return new(found.Id, false, found.Kind);
    }

    public static GrantResource Of(RegistryRecord found)
    {
        ArgumentNullException.ThrowIfNull(found);
        return new(found.Id, true, null);
    }
}

/// <summary>A principal or a team that roles are granted to.</summary>
public readonly record struct GrantMember(long Id, string Name, MemberKind Kind)
{
    public static GrantMember Of(PrincipalRecord principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return new(principal.Id, principal.Name, principal.Kind == PrincipalKind.User ? MemberKind.User : MemberKind.ServiceAccount);
    }
}

/// <summary>Where a stored key came from.</summary>
public enum ApiKeySource
{
    /// <summary>Made through the API (createApiKey).</summary>
    Api,

    /// <summary>Made for the administrator on the first start, and written to a file for its owner.</summary>
    FirstStart,

    /// <summary>Named by the LINEAGE_ADMIN_KEY environment variable.</summary>
    Environment,
}

/// <summary>A key to store: its id, the hash of its secret, and where it came from.</summary>
public sealed record KeyToStore(string Id, IReadOnlyList<byte> SecretHash, string Name, ApiKeySource Source, DateTimeOffset? ExpiresAt)
{
    /// <summary>The name stored with each source, as the stores keep it.</summary>
    public string SourceName => Source switch
    {
        ApiKeySource.FirstStart => "FIRST_START",
        ApiKeySource.Environment => "ENVIRONMENT",
        _ => "API",
    };
}
