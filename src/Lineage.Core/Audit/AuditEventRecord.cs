namespace Lineage.Audit;

/// <summary>
/// One stored audit event. <see cref="Position"/> numbers the events of one target from 1;
/// <see cref="Hash"/> is SHA-256 over the previous event's hash and this event's canonical form
/// (see <see cref="AuditChain"/>). <see cref="SubjectId"/> is the version (project artifacts)
/// or link (collections) the event is about, while it exists; <see cref="SourceNamespaceId"/>
/// is the namespace of <see cref="Source"/>, and readers without a role there get the event with
/// <see cref="Source"/> sealed (<see cref="Redacted"/>). Neither id is hashed.
/// </summary>
public sealed record AuditEventRecord(
    long Id,
    AuditTargetKind TargetKind,
    long TargetId,
    string Target,
    long Position,
    AuditAction Action,
    DateTimeOffset At,
    string Actor,
    byte[] Hash)
{
    /// <summary>Which canonical form the hash covers (<see cref="AuditChain.CurrentFormat"/> for new events).</summary>
    public int Format { get; init; } = AuditChain.CurrentFormat;

    /// <summary>The version concerned, e.g. <c>v3</c>.</summary>
    public string? Version { get; init; }

    /// <summary>For a collection, the project version a linked version points at.</summary>
    public string? Source { get; init; }

    /// <summary>The random salt of <see cref="Source"/>'s commitment (format 2); only readers who may see the source get it.</summary>
    public byte[]? SourceSalt { get; init; }

    /// <summary>
    /// SHA-256 over <see cref="SourceSalt"/> and <see cref="Source"/>, which the hash covers in
    /// place of the source itself: set on an event whose source is sealed from its reader.
    /// </summary>
    public byte[]? SealedSource { get; init; }

    /// <summary>Whether <see cref="Source"/> was sealed for this reader.</summary>
    public bool Redacted => SealedSource is not null;

    public string? Alias { get; init; }

    /// <summary>The tag added or removed (TAG_ADDED, TAG_REMOVED).</summary>
    public string? Tag { get; init; }

    /// <summary>The user, service account or team granted or refused a role (ROLE_GRANTED, ROLE_REVOKED).</summary>
    public string? Member { get; init; }

    /// <summary>The role granted, or the role taken away.</summary>
    public string? Role { get; init; }

    /// <summary>A registry's visibility after the change (REGISTRY_CREATED, VISIBILITY_CHANGED).</summary>
    public string? Visibility { get; init; }

    public string? RequestId { get; init; }

    public long? SubjectId { get; init; }

    public long? SourceNamespaceId { get; init; }
}
