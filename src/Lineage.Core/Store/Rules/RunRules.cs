using Lineage.Errors;
using Lineage.Model;

namespace Lineage.Store.Rules;

/// <summary>The rules of a run's life that every store applies.</summary>
public static class RunRules
{
    /// <summary>
    /// A run that has ended (finished, failed or crashed) records no more inputs or outputs: what
    /// it used and made is settled when it ends, as W&amp;B's runs are. Log from a new run instead.
    /// </summary>
    public static void RequireRunning(RunRecord run, string what)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.State != RunState.Running)
        {
            throw new ConflictException(
                $"run '{run.Path}' has ended as {run.State.ToString().ToUpperInvariant()}: it can no longer {what}; record it from a new run");
        }
    }
}
