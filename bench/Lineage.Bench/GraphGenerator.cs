using Lineage.Model;
using Lineage.Names;

namespace Lineage.Bench;

/// <summary>
/// A lineage graph shaped like real ML work, the same for the same seed and size:
/// <list type="bullet">
/// <item>a vision project: a raw dataset, ten preprocessing runs, shared inputs (tokenizers,
/// base models, auxiliary data); the last preprocessed version is the hub;</item>
/// <item>a sweep: <see cref="BenchSize.SweepRuns"/> training runs over the hub, each logging a
/// model and a checkpoint, half of them evaluated;</item>
/// <item>team projects of time-ordered work: each run reads four to seven recent versions and
/// logs one or two new ones;</item>
/// <item>deep chains: each step reads the previous step's output.</item>
/// </list>
/// Runs only ever use versions that exist already, as in real work, so there is no cycle.
/// </summary>
public sealed class GraphGenerator
{
    public const string Namespace = "bench";

    private readonly BenchSize _size;
    private readonly Random _random;
    private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);

    public GraphGenerator(BenchSize size, int seed)
    {
        _size = size;
        _random = new Random(seed);
    }

    /// <summary>The dataset version every sweep run uses.</summary>
    public static string Hub => $"{Namespace}/vision/imagenet:v9";

    /// <summary>A model in the middle of the sweep: trained on the hub, evaluated.</summary>
    public string TypicalModel => $"{Namespace}/sweep/sweep-model:v{(_size.SweepRuns / 2) & ~1}";

    /// <summary>The sweep run that logged <see cref="TypicalModel"/>.</summary>
    public string TypicalRun => $"{Namespace}/sweep/sweep-{(_size.SweepRuns / 2) & ~1:D6}";

    /// <summary>The last version of the first deep chain.</summary>
    public string DeepLeaf => $"{Namespace}/chains/chain-0:v{_size.ChainLength}";

    /// <summary>The writes, in the order work would have happened.</summary>
    public IEnumerable<ILineageWrite> Writes()
    {
        foreach (var write in Vision().Concat(Sweep()).Concat(Teams()).Concat(Chains()))
        {
            yield return write;
        }
    }

    /// <summary>Linked versions of the sweep's models and moves of their production alias.</summary>
    public IEnumerable<(string Model, bool Promote)> Links()
    {
        var step = Math.Max(1, _size.SweepRuns / _size.Links);
        for (var i = 0; i < _size.Links; i++)
        {
            yield return ($"{Namespace}/sweep/sweep-model:v{i * step}", i % 2 == 0);
        }
    }

    private IEnumerable<ILineageWrite> Vision()
    {
        const string project = Namespace + "/vision";
        yield return Run(project, "upload", "upload");
        yield return Log(project, "upload", "imagenet-raw", "dataset");
        for (var i = 0; i < 10; i++)
        {
            yield return Run(project, $"preprocess-{i}", "preprocess");
            yield return Use(project, $"preprocess-{i}", $"{project}/imagenet-raw:v0");
            yield return Log(project, $"preprocess-{i}", "imagenet", "dataset");
        }

        yield return Run(project, "shared", "upload");
        for (var i = 0; i < 5; i++)
        {
            yield return Log(project, "shared", "tokenizer", "tokenizer");
            yield return Log(project, "shared", "base-model", "model");
        }

        for (var i = 0; i < 20; i++)
        {
            yield return Log(project, "shared", "aux", "dataset");
        }

        yield return Log(project, "shared", "eval-set", "dataset");
    }

    private IEnumerable<ILineageWrite> Sweep()
    {
        const string project = Namespace + "/sweep";
        const string vision = Namespace + "/vision";
        for (var i = 0; i < _size.SweepRuns; i++)
        {
            var run = $"sweep-{i:D6}";
            yield return Run(project, run, "train");
            yield return Use(project, run, Hub);
            yield return Use(project, run, $"{vision}/tokenizer:v{_random.Next(5)}");
            yield return Use(project, run, $"{vision}/base-model:v{_random.Next(5)}");
            yield return Use(project, run, $"{vision}/aux:v{_random.Next(20)}");
            yield return Log(project, run, "sweep-model", "model");
            yield return Log(project, run, "sweep-ckpt", "checkpoint");
            if (i % 2 == 0)
            {
                var eval = $"eval-{i:D6}";
                yield return Run(project, eval, "eval");
                yield return Use(project, eval, $"{project}/sweep-model:v{i}");
                yield return Use(project, eval, $"{vision}/eval-set:v0");
                yield return Use(project, eval, $"{vision}/base-model:v{_random.Next(5)}");
                yield return Log(project, eval, "eval-results", "results");
            }
        }
    }

    private IEnumerable<ILineageWrite> Teams()
    {
        string[] jobs = ["preprocess", "train", "train", "eval"];
        string[] outputs = ["features", "model", "model", "metrics"];
        string[] types = ["dataset", "model", "model", "results"];
        for (var p = 0; p < _size.TeamProjects; p++)
        {
            var project = $"{Namespace}/team-{p:D2}";
            var recent = new List<string>();
            yield return Run(project, "ingest", "upload");
            for (var d = 0; d < 8; d++)
            {
                yield return Log(project, "ingest", "raw", "dataset");
                recent.Add($"{project}/raw:v{d}");
            }

            for (var r = 0; r < _size.TeamRunsPerProject; r++)
            {
                var kind = r % jobs.Length;
                var run = $"{jobs[kind]}-{r:D5}";
                yield return Run(project, run, jobs[kind]);
                foreach (var input in Pick(recent, _random.Next(4, 8)))
                {
                    yield return Use(project, run, input);
                }

                for (var o = _random.Next(1, 3); o > 0; o--)
                {
                    var log = Log(project, run, outputs[kind], types[kind]);
                    yield return log;
                    recent.Add($"{project}/{outputs[kind]}:v{_versions[$"{project}/{outputs[kind]}"] - 1}");
                }

                if (recent.Count > 200)
                {
                    recent.RemoveRange(0, recent.Count - 200);
                }
            }
        }
    }

    private IEnumerable<ILineageWrite> Chains()
    {
        const string project = Namespace + "/chains";
        for (var c = 0; c < _size.Chains; c++)
        {
            yield return Run(project, $"chain-{c}-start", "preprocess");
            yield return Log(project, $"chain-{c}-start", $"chain-{c}", "dataset");
            for (var k = 1; k <= _size.ChainLength; k++)
            {
                var run = $"chain-{c}-{k:D3}";
                yield return Run(project, run, "preprocess");
                yield return Use(project, run, $"{project}/chain-{c}:v{k - 1}");
                yield return Log(project, run, $"chain-{c}", "dataset");
            }
        }
    }

    private List<string> Pick(List<string> from, int count)
    {
        var picked = new HashSet<string>(StringComparer.Ordinal);
        count = Math.Min(count, from.Count);
        while (picked.Count < count)
        {
            // Recent versions are the likely inputs, as in real work.
            var at = from.Count - 1 - (int)Math.Min(from.Count - 1, Math.Abs(_random.NextDouble() - _random.NextDouble()) * from.Count);
            picked.Add(from[at]);
        }

        return [.. picked];
    }

    private static CreateRunCommand Run(string project, string name, string jobType) =>
        new(RunPath.Parse($"{project}/{name}"), jobType, null);

    private static UseArtifactCommand Use(string project, string run, string version) =>
        new(RunPath.Parse($"{project}/{run}"), VersionRef.Parse(version));

    private LogArtifactCommand Log(string project, string run, string artifact, string type)
    {
        var key = $"{project}/{artifact}";
        var index = _versions.GetValueOrDefault(key);
        _versions[key] = index + 1;
        return new LogArtifactCommand(RunPath.Parse($"{project}/{run}"), artifact, type, $"sha256:{key}:{index}", null, []);
    }
}
