using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;

namespace Lineage.Tests.Names;

/// <summary>Commands are valid by construction: one built outside the API is checked as one the API builds.</summary>
public sealed class CommandTests
{
    private static readonly RunPath Run = RunPath.Parse("acme/zoo/r");

    [Fact]
    public void a_path_made_from_parts_checks_each_name()
    {
        Assert.Throws<InvalidArgumentException>(() => new RunPath("acme", "../etc", "r"));
        Assert.Throws<InvalidArgumentException>(() => new ProjectPath("", "zoo"));
        Assert.Equal("acme/zoo/r", new RunPath("acme", "zoo", "r").ToString());
    }

    [Fact]
    public void a_run_checks_its_job_type_config_and_description()
    {
        Assert.Throws<InvalidArgumentException>(() => new CreateRunCommand(Run, "not a name", null));
        Assert.Throws<InvalidArgumentException>(() => new CreateRunCommand(Run, null, JsonObjectText.Parse("[1, 2]", "config")));
        Assert.Throws<InvalidArgumentException>(() => new CreateRunCommand(Run, null, JsonObjectText.Parse("{ not json", "config")));
        Assert.Throws<InvalidArgumentException>(() => new CreateRunCommand(Run, null, JsonObjectText.Parse(new string('[', 40) + new string(']', 40), "config")));
        Assert.Throws<LimitExceededException>(() => new CreateRunCommand(Run, null, null, new string('d', 4097)));
        var run = new CreateRunCommand(Run, "train", JsonObjectText.Parse("""{"lr":0.1}""", "config"), "a sweep");
        Assert.Equal(("train", """{"lr":0.1}""", "a sweep"), (run.JobType, run.ConfigJson, run.Description));
    }

    [Fact]
    public void a_logged_version_checks_its_names_digest_metadata_aliases_size_and_manifest()
    {
        Assert.Throws<InvalidArgumentException>(() => new LogArtifactCommand(Run, "bad name", "model", "d", null, []));
        Assert.Throws<InvalidArgumentException>(() => new LogArtifactCommand(Run, "m", "model", "has space", null, []));
        Assert.Throws<InvalidArgumentException>(() => new LogArtifactCommand(Run, "m", "model", "d", JsonObjectText.Parse("\"text\"", "metadata"), []));
        Assert.Throws<InvalidArgumentException>(() => new LogArtifactCommand(Run, "m", "model", "d", null, ["v3"]));
        Assert.Throws<InvalidArgumentException>(() => new LogArtifactCommand(Run, "m", "model", "d", null, ["latest"]));
        Assert.Throws<LimitExceededException>(() => new LogArtifactCommand(Run, "m", "model", "d", null, [.. Enumerable.Range(0, 101).Select(i => $"a{i}")]));
        Assert.Throws<InvalidArgumentException>(() => new LogArtifactCommand(Run, "m", "model", "d", null, [], Size: -1));
        Assert.Throws<InvalidArgumentException>(() => new LogArtifactCommand(
            Run, "m", "model", "d", null, [], Files: [new VersionFile("a.txt", "x", 1), new VersionFile("a.txt", "y", 2)]));
        var version = new LogArtifactCommand(Run, "m", "model", "d", null, ["best", "best"], Files: [new VersionFile("a", "x", 3), new VersionFile("b", "y", 4)]);
        Assert.Equal(["best"], version.Aliases);
        Assert.Equal(7, version.TotalSize);
    }

    [Fact]
    public void alias_and_link_commands_check_their_aliases()
    {
        Assert.Throws<InvalidArgumentException>(() => new AliasCommand(VersionRef.Parse("acme/zoo/m:v0"), "v1"));
        Assert.Throws<InvalidArgumentException>(() => new LinkArtifactCommand(VersionRef.Parse("acme/zoo/m:v0"), CollectionPath.Parse("acme/models/best"), ["no spaces"]));
        Assert.Throws<InvalidArgumentException>(() => new FinishRunCommand(Run, RunState.Running));
    }
}
