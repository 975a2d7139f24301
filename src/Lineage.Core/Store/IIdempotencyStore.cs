namespace Lineage.Store;

/// <summary>
/// Remembers the answer to a mutation sent with an <c>Idempotency-Key</c>, per principal, so that
/// a retry gets the first answer instead of running again. Answers that carry a secret are not
/// kept: the server keeps a note naming what was made instead.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for a request with this <paramref name="fingerprint"/>: a new
    /// key (or one whose earlier request was abandoned) is claimed for this request; a key whose
    /// request finished gives its answer; a key still in use, or used for a different request,
    /// is refused.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(long principalId, string key, byte[] fingerprint, CancellationToken cancellationToken);

    /// <summary>Records the answer of the request that claimed the key.</summary>
    Task CompleteAsync(long principalId, string key, IdempotentResponse response, CancellationToken cancellationToken);

    /// <summary>Gives the key up when the request could not be answered, so that a retry runs it.</summary>
    Task ReleaseAsync(long principalId, string key, CancellationToken cancellationToken);
}

public enum IdempotencyOutcome
{
    /// <summary>The key is this request's: run it, then complete or release the key.</summary>
    Claimed,

    /// <summary>The request ran before: send its answer again.</summary>
    Replay,

    /// <summary>A request with this key is still running.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, IdempotentResponse? Response = null);

/// <summary>
/// An answer as it was sent (status, content type and body bytes), and the fingerprint of the
/// roles it was computed with (<see cref="Identity.Access.Fingerprint"/>): it is shown again
/// only to the same roles.
/// </summary>
public sealed record IdempotentResponse(int Status, string ContentType, byte[] Body, byte[] AccessFingerprint);

/// <summary>How long keys are kept, and when an unanswered claim counts as abandoned.</summary>
public static class IdempotencyRules
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    public const int MaxKeyLength = 255;
}
