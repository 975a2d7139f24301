using System.Security.Cryptography;
using Lineage.Store;

namespace Lineage.Neo4j;

public sealed partial class Neo4jLineageStore : IIdempotencyStore
{
    public Task<IdempotencyClaim> ClaimAsync(long principalId, string key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var now = _time.GetUtcNow();
        var stored = StoredKey(principalId, key);
        return TransactAsync(async s =>
        {
            await s.RunAsync("idempotency/expire", cancellationToken, ("expired", Cypher.FormatTime(now - IdempotencyRules.Retention))).ConfigureAwait(false);
            var row = await s.RowAsync("idempotency/find", cancellationToken, ("key", stored)).ConfigureAwait(false);
            if (row is null)
            {
                await s.RunAsync("idempotency/claim", cancellationToken, ("key", stored), ("fingerprint", Convert.ToBase64String(fingerprint)), ("at", Cypher.FormatTime(now))).ConfigureAwait(false);
                return new IdempotencyClaim(IdempotencyOutcome.Claimed);
            }

            var entry = row["entry"];
            if (!CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(Cypher.String(entry, "fingerprint")), fingerprint))
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
            }

            if (Cypher.NullableLong(entry, "status") is { } status)
            {
                return new IdempotencyClaim(
                    IdempotencyOutcome.Replay,
                    new IdempotentResponse(
                        (int)status,
                        Cypher.String(entry, "contentType"),
                        Convert.FromBase64String(Cypher.String(entry, "body")),
                        Cypher.NullableString(entry, "access") is { } access ? Convert.FromBase64String(access) : []));
            }

            if (now - Cypher.Time(entry, "createdAt") < IdempotencyRules.Abandoned)
            {
                return new IdempotencyClaim(IdempotencyOutcome.InProgress);
            }

            await s.RunAsync("idempotency/retake", cancellationToken, ("key", stored), ("at", Cypher.FormatTime(now))).ConfigureAwait(false);
            return new IdempotencyClaim(IdempotencyOutcome.Claimed);
        }, cancellationToken);
    }

    public Task CompleteAsync(long principalId, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return TransactAsync(
            s => s.RunAsync(
                "idempotency/complete",
                cancellationToken,
                ("key", StoredKey(principalId, key)),
                ("status", response.Status),
                ("contentType", response.ContentType),
                ("body", Convert.ToBase64String(response.Body)),
                ("access", Convert.ToBase64String(response.AccessFingerprint))),
            cancellationToken);
    }

    public Task ReleaseAsync(long principalId, string key, CancellationToken cancellationToken) =>
        TransactAsync(s => s.RunAsync("idempotency/release", cancellationToken, ("key", StoredKey(principalId, key))), cancellationToken);

    /// <summary>Keys are per principal: the stored key carries the principal's id.</summary>
    private static string StoredKey(long principalId, string key) => $"{principalId}:{key}";
}
