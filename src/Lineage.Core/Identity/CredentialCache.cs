using System.Collections.Concurrent;

namespace Lineage.Identity;

/// <summary>
/// Credentials already read, by key id, each with the identity epoch it was read at. An entry
/// serves only while the store's epoch is unchanged, so a revoked key, a new grant or a changed
/// registry is seen on the next request, by every process that shares the store. Unknown ids
/// are kept too (as null), so that guessing keys costs no more than using one. Bounded: when
/// full, it starts afresh.
/// </summary>
public sealed class CredentialCache
{
    /// <summary>How many key ids it holds at most.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (long Epoch, Credential? Credential)> _entries = new(StringComparer.Ordinal);

    /// <summary>The credential of <paramref name="keyId"/> read at <paramref name="epoch"/>, if one was.</summary>
    public bool TryGet(string keyId, long epoch, out Credential? credential)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (_entries.TryGetValue(keyId, out var entry) && entry.Epoch == epoch)
        {
            credential = entry.Credential;
            return true;
        }

        credential = null;
        return false;
    }

    /// <summary>Keeps what was read for <paramref name="keyId"/> after the epoch was read as <paramref name="epoch"/>.</summary>
    public void Put(string keyId, long epoch, Credential? credential)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[keyId] = (epoch, credential);
    }
}
