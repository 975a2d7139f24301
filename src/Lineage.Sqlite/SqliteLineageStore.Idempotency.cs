using System.Security.Cryptography;
using Lineage.Store;

namespace Lineage.Sqlite;

public sealed partial class SqliteLineageStore : IIdempotencyStore
{
    public Task<IdempotencyClaim> ClaimAsync(long principalId, string key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var now = _time.GetUtcNow();
        return _database.WriteAsync(async s =>
        {
            await s.ExecuteAsync(
                "DELETE FROM idempotency_keys WHERE created_at < $expired",
                cancellationToken, ("$expired", Time.Format(now - IdempotencyRules.Retention))).ConfigureAwait(false);
            var rows = await s.QueryAsync(
                "SELECT fingerprint, status, content_type, body, created_at, access FROM idempotency_keys WHERE principal_id = $p AND key = $k",
                r => (Fingerprint: (byte[])r.GetValue(0), Status: r.IsDBNull(1) ? (int?)null : r.GetInt32(1),
                      ContentType: r.IsDBNull(2) ? null : r.GetString(2), Body: r.IsDBNull(3) ? null : (byte[])r.GetValue(3), CreatedAt: Time.Parse(r.GetString(4)),
                      Access: r.IsDBNull(5) ? [] : (byte[])r.GetValue(5)),
                cancellationToken, ("$p", principalId), ("$k", key)).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                await s.ExecuteAsync(
                    "INSERT INTO idempotency_keys (principal_id, key, fingerprint, created_at) VALUES ($p, $k, $f, $t)",
                    cancellationToken, ("$p", principalId), ("$k", key), ("$f", fingerprint), ("$t", Time.Format(now))).ConfigureAwait(false);
                return new IdempotencyClaim(IdempotencyOutcome.Claimed);
            }

            var row = rows[0];
            if (!CryptographicOperations.FixedTimeEquals(row.Fingerprint, fingerprint))
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
            }

            if (row.Status is { } status)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Replay, new IdempotentResponse(status, row.ContentType!, row.Body!, row.Access));
            }

            if (now - row.CreatedAt < IdempotencyRules.Abandoned)
            {
                return new IdempotencyClaim(IdempotencyOutcome.InProgress);
            }

            // The request that claimed the key never answered (the server stopped): this one takes it over.
            await s.ExecuteAsync(
                "UPDATE idempotency_keys SET created_at = $t WHERE principal_id = $p AND key = $k",
                cancellationToken, ("$p", principalId), ("$k", key), ("$t", Time.Format(now))).ConfigureAwait(false);
            return new IdempotencyClaim(IdempotencyOutcome.Claimed);
        }, cancellationToken);
    }

    public Task CompleteAsync(long principalId, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return _database.WriteAsync(
            s => s.ExecuteAsync(
                "UPDATE idempotency_keys SET status = $s, content_type = $c, body = $b, access = $a WHERE principal_id = $p AND key = $k AND status IS NULL",
                cancellationToken,
                ("$p", principalId), ("$k", key), ("$s", response.Status), ("$c", response.ContentType), ("$b", response.Body), ("$a", response.AccessFingerprint)),
            cancellationToken);
    }

    public Task ReleaseAsync(long principalId, string key, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            s => s.ExecuteAsync(
                "DELETE FROM idempotency_keys WHERE principal_id = $p AND key = $k AND status IS NULL",
                cancellationToken, ("$p", principalId), ("$k", key)),
            cancellationToken);
}
