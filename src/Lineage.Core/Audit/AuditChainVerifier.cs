using System.Security.Cryptography;

namespace Lineage.Audit;

/// <summary>
/// Recomputes a chain one event at a time, in position order, so that a long history is
/// checked without holding it in memory. Stops at the first event that does not follow.
/// </summary>
public sealed class AuditChainVerifier
{
    private byte[] _previous = AuditChain.Genesis.ToArray();
    private int _checked;
    private AuditVerification? _broken;

    /// <summary>Checks the next event; false once the chain is broken, after which nothing more is read.</summary>
    public bool Add(AuditEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_broken is not null)
        {
            return false;
        }

        _checked++;
        if (e.Position != _checked)
        {
            _broken = Broken(e, $"the event stored at position {e.Position} stands where position {_checked} was expected: an event before it is missing or was moved");
            return false;
        }

        var hash = AuditChain.Hash(_previous, e);
        if (!CryptographicOperations.FixedTimeEquals(hash, e.Hash))
        {
            _broken = Broken(e, $"the event at position {e.Position} does not match its hash: it, or the chain before it, was changed after it was recorded");
            return false;
        }

        _previous = hash;
        return true;
    }

    /// <summary>
    /// The verdict. <paramref name="expectedLength"/> and <paramref name="expectedHead"/> are
    /// what the store recorded at its last append, so that events cut from the end show too.
    /// </summary>
    public AuditVerification Finish(long expectedLength, ReadOnlySpan<byte> expectedHead)
    {
        if (_broken is not null)
        {
            return _broken;
        }

        if (_checked != expectedLength || (_checked > 0 && !expectedHead.SequenceEqual(_previous)))
        {
            return new AuditVerification(
                false,
                _checked,
                null,
                $"the history holds {_checked} events but {expectedLength} were recorded: events are missing from its end, or its record of them was changed",
                _previous);
        }

        return new AuditVerification(true, _checked, null, null, _checked == 0 ? null : _previous);
    }

    /// <summary>The verdict when the rest of the history could not be read: not ok, with the events checked so far.</summary>
    public AuditVerification Damaged(string problem) => _broken ?? new AuditVerification(false, _checked, null, problem, null);

    private AuditVerification Broken(AuditEventRecord e, string problem) => new(false, _checked, e.Id, problem, null);
}
