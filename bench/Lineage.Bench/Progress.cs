using System.Diagnostics;

namespace Lineage.Bench;

/// <summary>A one-line progress bar on standard error, redrawn at most ten times a second.</summary>
public sealed class Progress
{
    private readonly TextWriter _out;
    private readonly string _label;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _drawn = TimeSpan.FromDays(-1);

    public Progress(TextWriter output, string label, long total)
    {
        _out = output;
        _label = label;
        _total = Math.Max(1, total);
    }

    public void Report(long done, string detail, bool final = false)
    {
        if (!final && _clock.Elapsed - _drawn < TimeSpan.FromMilliseconds(100))
        {
            return;
        }

        _drawn = _clock.Elapsed;
        var fraction = Math.Min(1.0, (double)done / _total);
        var filled = (int)(fraction * 30);
        _out.Write($"\r{_label} [{new string('#', filled)}{new string('.', 30 - filled)}] {fraction,4:P0} {detail}   ");
        if (final)
        {
            _out.WriteLine();
        }
    }
}
