namespace Lineage.Tests.Support;

/// <summary>The system clock, moved by <see cref="Offset"/>: lets a test reach a key's expiry at once.</summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
