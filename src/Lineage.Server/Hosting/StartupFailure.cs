namespace Lineage.Server.Hosting;

/// <summary>
/// Start-up cannot go on, for a reason the operator can act on: a damaged, read-only or full
/// database, a malformed setting. The message is one line naming the file or setting and the
/// problem; the server prints it and exits instead of a stack trace.
/// </summary>
public sealed class StartupFailure : InvalidOperationException
{
    public StartupFailure(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
